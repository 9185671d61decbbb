/*
 * Kotae editor workspace, analytics page (/admin/analytics): a date range with channel and site
 * filters, headline figures, charts drawn as inline SVG with DOM calls (no chart library), the busiest
 * hours as a weekday × hour heat map, top FAQs and unanswered questions, and the daily CSV. Plain
 * browser JavaScript, no build step; user and FAQ text goes on the page with textContent or DOM calls,
 * never innerHTML. Every chart has a title and description for screen readers and a visually hidden
 * table of its numbers. docs/analytics.md defines each figure.
 */
(() => {
	'use strict';

	const DICT = {
		ja: {
			title: '分析', docTitle: 'Kotae 分析',
			from: '開始日', to: '終了日', channel: 'チャネル', allChannels: 'すべて', 'channel.web': 'Web',
			'channel.line': 'LINE', site: 'サイト', allSites: 'すべて', siteKey: 'サイトキー（空 = すべて）',
			apply: '表示', csv: '日別 CSV', rangeLine: '{0} 〜 {1}（{2}）',
			headline: '主な指標',
			'card.conversations': '会話', 'card.total': '開始された会話', 'card.engaged': '利用あり',
			'card.selfResolution': '自己解決', 'card.selfResolved': '自己解決', 'card.selfResolutionRate': '自己解決率',
			'card.unresolved': '未解決（「役に立たない」・引き継ぎなし）',
			'card.escalationRate': 'エスカレーション率',
			'card.bot': 'ボットの判断', 'card.answerRate': '回答率（入力された質問）', 'card.helpfulRate': '役に立った',
			'card.votes': '評価（はい / いいえ）',
			'card.csat': '満足度', 'card.csatAverage': 'CSAT 平均（1〜5）', 'card.csatRate': 'CSAT（4 以上）',
			'card.nps': 'NPS', 'card.responses': '回答数',
			'card.handoffs': '有人対応', 'card.handoffTotal': '引き継ぎ', 'card.p50': '初回応答 中央値',
			'card.p90': '初回応答 p90', 'card.withinSla': 'SLA 内（{0} 秒）', 'card.slaBreaches': 'SLA 超過',
			'card.afterHours': '営業時間外', 'card.afterHoursShare': '時間外の割合',
			'card.afterHoursSelfRes': '時間外の自己解決率', 'card.inHoursSelfRes': '営業時間内の自己解決率',
			seconds: '{0} 秒', none: '—',
			dailyTitle: '日別の会話数', dailyDesc: '{0} 日間の日別の会話数。最大 {1} 件、合計 {2} 件。',
			selfResTitle: '日別の自己解決率', selfResDesc: '利用のあった会話のうち、引き継ぎも「役に立たない」評価もなく終わった割合（日別）。',
			reasonsTitle: '理由別のエスカレーション率',
			reasonsDesc: '利用のあった会話のうち、最初の引き継ぎの理由ごとの割合。',
			noEscalations: 'この期間のエスカレーションはありません。',
			heatmapTitle: '混雑する時間帯（曜日 × 時）',
			heatmapDesc: '曜日と時刻（{0}）ごとの開始された会話数。最も多い枠は {1} 件。',
			cell: '{0} {1} 時台: {2} 件',
			date: '日付', rate: '割合',
			reason: '理由', count: '件数', weekday: '曜日',
			weekdays: '月,火,水,木,金,土,日',
			'reason.requested_human': 'お客さまの希望', 'reason.frustration': '不満の検知',
			'reason.out_of_scope': '対象外', 'reason.low_confidence': '確信度が低い',
			'reason.not_helpful': '「役に立たない」評価', 'reason.repeated_failure': '回答できない質問の繰り返し',
			'reason.unknown': '不明',
			topFaqsTitle: 'よく回答した FAQ', faqStats: '回答 {0} 回 · 役に立った {1} · 役に立たない {2}', deletedFaq: '（削除された FAQ {0}）',
			noFaqs: 'この期間に回答した FAQ はありません。',
			unansweredTitle: '未回答の質問（多い順）',
			unansweredNote: '期間とフィルターによらず、直近に集計された未回答の質問のまとまりです。',
			clusterStats: '{0} 回 · 言い回し {1} 種類', noUnanswered: '未回答の質問はありません。',
		},
		en: {
			title: 'Analytics', docTitle: 'Kotae Analytics',
			from: 'From', to: 'To', channel: 'Channel', allChannels: 'All', 'channel.web': 'Web', 'channel.line': 'LINE',
			site: 'Site', allSites: 'All', siteKey: 'Site key (empty = all)', apply: 'Show', csv: 'Daily CSV',
			rangeLine: '{0} to {1} ({2})', headline: 'Headline figures',
			'card.conversations': 'Conversations', 'card.total': 'Started', 'card.engaged': 'Engaged',
			'card.selfResolution': 'Self-resolution', 'card.selfResolved': 'Self-resolved',
			'card.selfResolutionRate': 'Self-resolution rate', 'card.escalationRate': 'Escalation rate',
			'card.unresolved': 'Unresolved ("not helpful", no hand-off)',
			'card.bot': 'Bot decisions', 'card.answerRate': 'Answer rate (typed questions)', 'card.helpfulRate': 'Helpful',
			'card.votes': 'Votes (yes / no)',
			'card.csat': 'Satisfaction', 'card.csatAverage': 'CSAT average (1–5)', 'card.csatRate': 'CSAT (4 or 5)',
			'card.nps': 'NPS', 'card.responses': 'Responses',
			'card.handoffs': 'Hand-offs', 'card.handoffTotal': 'Hand-offs', 'card.p50': 'First response p50',
			'card.p90': 'First response p90', 'card.withinSla': 'Within SLA ({0} s)', 'card.slaBreaches': 'SLA breaches',
			'card.afterHours': 'After hours', 'card.afterHoursShare': 'Share after hours',
			'card.afterHoursSelfRes': 'Self-resolution after hours', 'card.inHoursSelfRes': 'Self-resolution in hours',
			seconds: '{0} s', none: '—',
			dailyTitle: 'Conversations per day', dailyDesc: 'Conversations per day over {0} days: at most {1}, {2} in all.',
			selfResTitle: 'Self-resolution rate per day',
			selfResDesc: 'Share of engaged conversations that ended without a hand-off or a "not helpful" vote, per day.',
			reasonsTitle: 'Escalation rate by reason',
			reasonsDesc: 'Share of engaged conversations handed to a person, by the reason of their first hand-off.',
			noEscalations: 'No escalations in this range.',
			heatmapTitle: 'Busiest hours (weekday × hour)',
			heatmapDesc: 'Conversations started by weekday and hour ({0}). The busiest slot has {1}.',
			cell: '{0} {1}:00: {2} conversations',
			date: 'Date', rate: 'Rate',
			reason: 'Reason', count: 'Count', weekday: 'Weekday',
			weekdays: 'Mon,Tue,Wed,Thu,Fri,Sat,Sun',
			'reason.requested_human': 'User asked for a person', 'reason.frustration': 'Frustration',
			'reason.out_of_scope': 'Out of scope', 'reason.low_confidence': 'Low confidence',
			'reason.not_helpful': '"Not helpful" votes', 'reason.repeated_failure': 'Repeated failure',
			'reason.unknown': 'Unknown',
			topFaqsTitle: 'Top FAQs', faqStats: '{0} answers · helpful {1} · not helpful {2}', deletedFaq: '(deleted FAQ {0})',
			noFaqs: 'No FAQ answers in this range.',
			unansweredTitle: 'Top unanswered questions',
			unansweredNote: 'The latest clusters of unanswered questions, whatever the range and filters.',
			clusterStats: 'asked: {0} · distinct wordings: {1}', noUnanswered: 'No unanswered questions.',
		},
	};

	const A = window.KotaeAdmin;
	const t = A.translator(DICT);
	const el = A.el;
	const SVG = 'http://www.w3.org/2000/svg';
	const locale = A.lang === 'en' ? 'en' : 'ja-JP';
	const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
	const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
	const integer = new Intl.NumberFormat(locale);
	let chartIds = 0;

	// ------------------------------------------------------------------------------------ helpers

	/** An SVG element: svg('rect', {x: 1}, child…); children are nodes or text. */
	function svg(tag, attrs, ...children) {
		const node = document.createElementNS(SVG, tag);
		for (const [name, value] of Object.entries(attrs || {})) {
			if (value !== undefined && value !== null) {
				node.setAttribute(name, String(value));
			}
		}
		for (const child of children) {
			if (child !== null && child !== undefined) {
				node.append(child);
			}
		}
		return node;
	}

	/** The root of a chart: role img, named by a <title> and described by a <desc>. */
	function chart(width, height, title, description) {
		const id = 'chart-' + (++chartIds);
		return svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${id}-t ${id}-d`,
			class: 'svg-chart', preserveAspectRatio: 'xMidYMid meet' },
		svg('title', { id: id + '-t' }, title), svg('desc', { id: id + '-d' }, description));
	}

	/** A table for screen readers with the chart's numbers (in a box: a table ignores width and overflow). */
	function hiddenTable(caption, headers, rows) {
		return el('div', { className: 'visually-hidden' }, el('table', null, el('caption', { text: caption }),
			el('thead', null, el('tr', null, ...headers.map((h) => el('th', { scope: 'col', text: h })))),
			el('tbody', null, ...rows.map((row) => el('tr', null, ...row.map((cell, i) => el(i === 0 ? 'th' : 'td',
				i === 0 ? { scope: 'row', text: String(cell) } : { text: String(cell) })))))));
	}

	function pct(value) {
		return (value === undefined || value === null) ? t('none') : percent.format(value);
	}

	function secs(value) {
		return (value === undefined || value === null) ? t('none') : t('seconds', decimal.format(value));
	}

	function num(value) {
		return (value === undefined || value === null) ? t('none') : integer.format(value);
	}

	function reasonName(reason) {
		const key = 'reason.' + reason;
		const name = t(key);
		return name === key ? reason : name;
	}

	function isoDate(date) {
		return [date.getFullYear(), String(date.getMonth() + 1).padStart(2, '0'), String(date.getDate()).padStart(2, '0')]
			.join('-');
	}

	/** "11/24" or "Nov 24" for an ISO date, without time-zone surprises. */
	function shortDate(iso) {
		const [y, m, d] = iso.split('-').map(Number);
		return new Date(y, m - 1, d).toLocaleDateString(locale, { month: 'short', day: 'numeric' });
	}

	// ------------------------------------------------------------------------------------ filters

	const form = document.getElementById('filters');
	const main = document.getElementById('analytics');

	function params() {
		const query = new URLSearchParams();
		for (const name of ['from', 'to', 'channel', 'site']) {
			const field = form.elements.namedItem(name);
			const value = field ? field.value.trim() : '';
			if (value) {
				query.set(name, value);
			}
		}
		return query;
	}

	/** Sites from the API (admins and editors): a select; agents may not list them, so a key field. */
	async function siteChoices() {
		let sites;
		try {
			sites = await A.api('GET', '/api/v1/sites');
		}
		catch (e) {
			return; // 403 for agents: keep the free-text site key
		}
		const current = document.getElementById('f-site');
		const select = el('select', { id: 'f-site', name: 'site' }, el('option', { value: '', text: t('allSites') }),
			...sites.map((s) => el('option', { value: s.key, text: s.name && s.name !== s.key ? `${s.name} (${s.key})` : s.key })));
		select.value = current.value;
		current.replaceWith(select);
	}

	// ------------------------------------------------------------------------------------ rendering

	function renderCards(s) {
		const card = (key, rows) => el('section', { className: 'card', 'data-card': key },
			el('h3', { text: t('card.' + key) }),
			el('dl', null, ...rows.flatMap(([label, value, name]) => [el('dt', { text: label }),
				el('dd', { 'data-figure': name, text: value })])));
		const c = s.conversations;
		const d = s.decisions;
		const h = s.handoffs;
		const ah = s.afterHours;
		document.getElementById('cards').replaceChildren(
			card('conversations', [[t('card.total'), num(c.total), 'total'], [t('card.engaged'), num(c.engaged), 'engaged']]),
			card('selfResolution', [[t('card.selfResolutionRate'), pct(c.selfResolutionRate), 'selfResolutionRate'],
				[t('card.selfResolved'), num(c.selfResolved), 'selfResolved'],
				[t('card.unresolved'), num(c.unresolved), 'unresolved'],
				[t('card.escalationRate'), pct(c.escalationRate), 'escalationRate']]),
			card('bot', [[t('card.answerRate'), pct(d.answerRate), 'answerRate'],
				[t('card.helpfulRate'), pct(s.votes.helpfulRate), 'helpfulRate'],
				[t('card.votes'), `${num(s.votes.yes)} / ${num(s.votes.no)}`, 'votes']]),
			card('csat', [[t('card.csatAverage'), s.csat.averageScore == null ? t('none') : decimal.format(s.csat.averageScore), 'csatAverage'],
				[t('card.csatRate'), pct(s.csat.satisfiedRate), 'csatRate'], [t('card.responses'), num(s.csat.responses), 'csatResponses']]),
			card('nps', [[t('card.nps'), s.nps.score == null ? t('none') : decimal.format(s.nps.score), 'npsScore'],
				[t('card.responses'), num(s.nps.responses), 'npsResponses']]),
			card('handoffs', [[t('card.handoffTotal'), num(h.total), 'handoffs'], [t('card.p50'), secs(h.medianFirstResponseSeconds), 'p50'],
				[t('card.p90'), secs(h.p90FirstResponseSeconds), 'p90'],
				[t('card.withinSla', h.slaSeconds), pct(h.withinSlaRate), 'withinSlaRate'],
				[t('card.slaBreaches'), num(h.slaBreaches), 'slaBreaches']]),
			card('afterHours', [[t('card.afterHoursShare'), pct(ah.share), 'afterHoursShare'],
				[t('card.afterHoursSelfRes'), pct(ah.selfResolutionRate), 'afterHoursSelfResolutionRate'],
				[t('card.inHoursSelfRes'), pct(ah.inHoursSelfResolutionRate), 'inHoursSelfResolutionRate']]));
	}

	/**
	 * Vertical bars, one per day: values null are days with nothing to show (no bar). format turns a
	 * value into the text of the bar's tooltip and table.
	 */
	function dayBars(container, days, values, max, title, description, format, className) {
		const W = 720;
		const H = 220;
		const left = 40;
		const bottom = 24;
		const top = 10;
		const plotW = W - left - 8;
		const plotH = H - bottom - top;
		const step = plotW / Math.max(days.length, 1);
		const root = chart(W, H, title, description);
		const scale = max > 0 ? max : 1;
		root.append(svg('line', { x1: left, y1: top + plotH, x2: W - 8, y2: top + plotH, class: 'axis' }),
			svg('text', { x: left - 6, y: top + 8, class: 'tick', 'text-anchor': 'end' }, format(max)),
			svg('text', { x: left - 6, y: top + plotH, class: 'tick', 'text-anchor': 'end' }, format(0)));
		const bars = svg('g', { class: 'bars ' + className });
		const labelEvery = Math.ceil(days.length / 8); // at most eight dates under the bars
		days.forEach((day, i) => {
			const value = values[i];
			const x = left + i * step;
			if (value !== null && value !== undefined) {
				const height = Math.max(value > 0 ? 1 : 0, (value / scale) * plotH);
				bars.append(svg('rect', { x: x + step * 0.12, y: top + plotH - height, width: Math.max(step * 0.76, 1),
					height, class: 'bar', 'data-date': day, 'data-value': value },
				svg('title', null, `${day}: ${format(value)}`)));
			}
			if (i % labelEvery === 0) {
				bars.append(svg('text', { x: x + step / 2, y: H - 6, class: 'tick', 'text-anchor': 'middle' }, shortDate(day)));
			}
		});
		root.append(bars);
		container.replaceChildren(root, hiddenTable(title, [t('date'), title],
			days.map((day, i) => [day, values[i] === null ? t('none') : format(values[i])])));
	}

	function renderDaily(daily) {
		const days = daily.days.map((d) => d.date);
		const counts = daily.days.map((d) => d.conversations);
		const max = Math.max(0, ...counts);
		const total = counts.reduce((a, b) => a + b, 0);
		dayBars(document.getElementById('chart-daily'), days, counts, max, t('dailyTitle'),
			t('dailyDesc', days.length, num(max), num(total)), (v) => num(v), 'conversations');
		const rates = daily.days.map((d) => d.engaged > 0 ? d.selfResolved / d.engaged : null);
		dayBars(document.getElementById('chart-selfres'), days, rates, 1, t('selfResTitle'), t('selfResDesc'),
			(v) => pct(v), 'self-resolution');
	}

	function renderReasons(handoffs) {
		const container = document.getElementById('chart-reasons');
		const entries = Object.entries(handoffs.escalationRateByReason || {});
		if (!entries.length) {
			container.replaceChildren(el('p', { className: 'empty', text: t('noEscalations') }));
			return;
		}
		const counts = handoffs.escalatedByReason || {};
		const W = 480;
		const row = 30;
		const labelW = 190;
		const H = entries.length * row + 8;
		const max = Math.max(...entries.map(([, rate]) => rate));
		const root = chart(W, H, t('reasonsTitle'), t('reasonsDesc'));
		entries.forEach(([reason, rate], i) => {
			const y = 4 + i * row;
			const width = max > 0 ? (rate / max) * (W - labelW - 90) : 0;
			const label = `${reasonName(reason)}: ${pct(rate)} (${num(counts[reason])})`;
			root.append(svg('g', { class: 'reason', 'data-reason': reason },
				svg('text', { x: labelW - 8, y: y + row / 2 + 4, 'text-anchor': 'end', class: 'label' }, reasonName(reason)),
				svg('rect', { x: labelW, y: y + 5, width: Math.max(width, 1), height: row - 10, class: 'bar',
					'data-value': counts[reason], 'data-rate': rate }, svg('title', null, label)),
				svg('text', { x: labelW + width + 6, y: y + row / 2 + 4, class: 'value' }, `${pct(rate)} (${num(counts[reason])})`)));
		});
		container.replaceChildren(root, hiddenTable(t('reasonsTitle'), [t('reason'), t('rate'), t('count')],
			entries.map(([reason, rate]) => [reasonName(reason), pct(rate), num(counts[reason])])));
	}

	function renderHeatmap(view) {
		const container = document.getElementById('heatmap');
		const names = t('weekdays').split(',');
		const map = view.heatmap;
		const cell = 26;
		const left = 34;
		const top = 18;
		const W = left + 24 * cell + 4;
		const H = top + 7 * cell + 4;
		const root = chart(W, H, t('heatmapTitle'), t('heatmapDesc', view.timeZone, num(map.max)));
		for (let hour = 0; hour < 24; hour += 3) {
			root.append(svg('text', { x: left + hour * cell + cell / 2, y: 12, class: 'tick', 'text-anchor': 'middle' }, String(hour)));
		}
		const cells = svg('g', { class: 'cells' });
		map.days.forEach((day, d) => {
			root.append(svg('text', { x: left - 6, y: top + d * cell + cell / 2 + 4, class: 'tick', 'text-anchor': 'end' }, names[d]));
			day.hours.forEach((value, hour) => {
				const intensity = map.max > 0 ? value / map.max : 0;
				const label = t('cell', names[d], hour, num(value));
				cells.append(svg('rect', { x: left + hour * cell + 1, y: top + d * cell + 1, width: cell - 2, height: cell - 2,
					rx: 3, class: 'cell', 'data-weekday': day.weekday, 'data-hour': hour, 'data-value': value,
					'aria-label': label, fill: value > 0 ? `rgba(59, 91, 219, ${(0.15 + 0.85 * intensity).toFixed(3)})` : '#f1f3f5' },
				svg('title', null, label)));
			});
		});
		root.append(cells);
		container.replaceChildren(el('div', { className: 'scroll' }, root), hiddenTable(t('heatmapTitle'),
			[t('weekday'), ...Array.from({ length: 24 }, (_, h) => String(h))],
			map.days.map((day, d) => [names[d], ...day.hours.map((v) => num(v))])));
	}

	function renderTopFaqs(faqs) {
		const list = document.getElementById('top-faqs');
		if (!faqs.length) {
			list.replaceChildren(el('li', { className: 'empty', text: t('noFaqs') }));
			return;
		}
		const max = Math.max(...faqs.map((f) => f.answers));
		list.replaceChildren(...faqs.map((f) => {
			const fill = el('span');
			fill.style.width = Math.round((f.answers / max) * 100) + '%';
			return el('li', { 'data-faq-id': f.id },
				el('span', { className: 'item-text', text: f.question != null ? f.question : t('deletedFaq', f.id) }),
				el('span', { className: 'item-meta', text: t('faqStats', num(f.answers), num(f.helpfulYes), num(f.helpfulNo)) }),
				el('span', { className: 'meter', 'aria-hidden': 'true' }, fill));
		}));
	}

	function renderUnanswered(clusters) {
		const list = document.getElementById('top-unanswered');
		if (!clusters.length) {
			list.replaceChildren(el('li', { className: 'empty', text: t('noUnanswered') }));
			return;
		}
		list.replaceChildren(...clusters.map((c) => el('li', { 'data-cluster-id': c.id, lang: c.locale },
			el('span', { className: 'item-text', text: c.label }),
			el('span', { className: 'item-meta', text: t('clusterStats', num(c.size), num(c.distinctQuestions)) }),
			c.samples.length > 1 ? el('ul', { className: 'samples' },
				...c.samples.slice(1).map((q) => el('li', { text: q }))) : null)));
	}

	// ------------------------------------------------------------------------------------ loading

	let generation = 0;

	async function load() {
		const mine = ++generation;
		const query = params().toString();
		const suffix = query ? '?' + query : '';
		main.dataset.state = 'loading';
		main.setAttribute('aria-busy', 'true');
		document.getElementById('csv').href = '/api/v1/analytics/daily.csv' + suffix;
		try {
			const [summary, daily, heatmap, unanswered] = await Promise.all([
				A.api('GET', '/api/v1/analytics/summary' + suffix), A.api('GET', '/api/v1/analytics/daily' + suffix),
				A.api('GET', '/api/v1/analytics/heatmap' + suffix), A.api('GET', '/api/v1/analytics/unanswered?limit=10')]);
			if (mine !== generation) {
				return; // a newer request is under way
			}
			A.alert('');
			document.getElementById('range-line').textContent = t('rangeLine', summary.from, summary.to, summary.timeZone);
			renderCards(summary);
			renderDaily(daily);
			renderReasons(summary.handoffs);
			renderHeatmap(heatmap);
			renderTopFaqs(summary.topFaqs);
			renderUnanswered(unanswered);
			main.dataset.state = 'ready';
			main.dataset.query = query;
		}
		catch (e) {
			if (mine === generation) {
				A.alert(t('failed', e.message));
				main.dataset.state = 'error';
			}
		}
		finally {
			if (mine === generation) {
				main.removeAttribute('aria-busy');
			}
		}
	}

	A.translate(t, 'docTitle');
	A.header('analytics');
	const today = new Date();
	const monthAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29);
	const initial = new URLSearchParams(window.location.search);
	form.elements.namedItem('from').value = initial.get('from') || isoDate(monthAgo);
	form.elements.namedItem('to').value = initial.get('to') || isoDate(today);
	form.elements.namedItem('channel').value = initial.get('channel') || '';
	form.elements.namedItem('site').value = initial.get('site') || '';
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		load();
	});
	siteChoices().finally(load);
})();
