/*
 * Kotae editor workspace, unanswered questions page (/admin/unanswered): clusters of questions the
 * bot could not answer well, with size, samples, 7-day trend and the FAQ the search suggests, and the
 * editor's actions on each (add to an FAQ as alternative questions, create a draft FAQ, dismiss).
 * Plain browser JavaScript, no build step; user and FAQ text goes on the page with textContent or DOM
 * calls, never innerHTML.
 */
(() => {
	'use strict';

	const DICT = {
		ja: {
			title: '未回答の質問', docTitle: 'Kotae 未回答の質問',
			intro: 'ボットがうまく答えられなかった質問を、似たもの同士でまとめています。FAQ に言い換えとして追加するか、新しい FAQ の下書きにするか、対象外として閉じてください。',
			locale: '言語', allLocales: 'すべての言語', rebuild: '再計算', rebuilt: '再計算しました。',
			rebuildRequested: '再計算を依頼しました。まとまりを計算している別のサーバーが、次の更新（既定では 1 分以内）で再計算します。しばらくしてから再読み込みしてください。',
			count: '{0} 件のまとまり', empty: '未回答の質問はありません。ボットが答えられなかった質問がここに集まります。',
			size: '{0} 回', distinct: '異なる質問 {0} 件', single: '単独の質問',
			trend: '直近 7 日 {0} 回 / その前の 7 日 {1} 回', trendUp: '増加', trendDown: '減少', trendFlat: '横ばい',
			lastSeen: '最終 {0}', samples: '質問の例', suggested: '候補の FAQ', noSuggestion: '近い FAQ は見つかりませんでした。',
			score: 'スコア {0}', addTo: 'FAQ に言い換えとして追加', searchFaq: 'ほかの FAQ を検索', pickFaq: '追加先の FAQ',
			add: '追加', createDraft: '新しい FAQ の下書きを作る', dismiss: '対象外として閉じる',
			confirmDismiss: 'このまとまりを対象外として閉じますか？質問は「対象外のフレーズ」に登録され、分類器が再学習します。',
			added: '「{0}」に言い換えとして追加しました。分類器が再学習します。', drafted: '下書きの FAQ を作成しました。',
			openDraft: '下書きを開いて回答を書く', dismissed: '対象外として閉じました。', openFaq: 'FAQ を開く',
			noFaqs: '該当する FAQ がありません。', chooseFaq: '追加先の FAQ を選んでください。',
		},
		en: {
			title: 'Unanswered questions', docTitle: 'Kotae Unanswered questions',
			intro: 'Questions the bot could not answer well, grouped with similar ones. Add them to an FAQ as alternative questions, make a draft FAQ of them, or dismiss them as out of scope.',
			locale: 'Language', allLocales: 'All languages', rebuild: 'Recompute', rebuilt: 'Recomputed.',
			rebuildRequested: 'Recompute requested: the server that computes the clusters does it on its next round (within a minute by default). Reload the page in a while.',
			count: '{0} clusters', empty: 'No unanswered questions. Questions the bot could not answer gather here.',
			size: 'asked {0}×', distinct: '{0} distinct questions', single: 'single question',
			trend: 'last 7 days {0} / 7 days before {1}', trendUp: 'rising', trendDown: 'falling', trendFlat: 'flat',
			lastSeen: 'last {0}', samples: 'Sample questions', suggested: 'Suggested FAQ', noSuggestion: 'No close FAQ found.',
			score: 'score {0}', addTo: 'Add to an FAQ as alternative questions', searchFaq: 'Search another FAQ',
			pickFaq: 'FAQ to add to', add: 'Add', createDraft: 'Create a draft FAQ', dismiss: 'Dismiss as out of scope',
			confirmDismiss: 'Dismiss this cluster as out of scope? Its questions become out-of-scope phrases and the classifier retrains.',
			added: 'Added to "{0}" as alternative questions. The classifier retrains.', drafted: 'Draft FAQ created.',
			openDraft: 'Open the draft and write the answer', dismissed: 'Dismissed as out of scope.', openFaq: 'Open the FAQ',
			noFaqs: 'No FAQ matches.', chooseFaq: 'Choose the FAQ to add to.',
		},
	};

	const A = window.KotaeAdmin;
	const { api, el, time, alert } = A;
	const t = A.translator(DICT);
	const $ = (id) => document.getElementById(id);

	function message(text, kind) {
		$('message').textContent = text || '';
		$('message').dataset.state = kind || '';
	}

	async function load() {
		const locale = $('locale').value;
		let clusters;
		try {
			clusters = await api('GET', '/api/v1/unanswered/clusters?limit=100' + (locale ? '&locale=' + locale : ''));
		}
		catch (e) {
			alert(t('failed', e.message));
			return;
		}
		alert(null);
		$('clusters').replaceChildren(...clusters.map(cluster));
		$('empty').hidden = clusters.length > 0;
		$('count').textContent = t('count', clusters.length);
		$('clusters').dataset.loaded = String(Date.now());
	}

	/** Two bars, the 7 days before and the last 7 days, scaled to the larger. */
	function sparkline(trend) {
		const top = Math.max(1, trend.lastSevenDays, trend.sevenDaysBefore);
		const bar = (value, kind) => {
			const node = el('span', { className: 'bar bar-' + kind });
			node.style.height = Math.max(2, Math.round((value * 24) / top)) + 'px';
			return node;
		};
		const direction = trend.change > 0 ? 'trendUp' : (trend.change < 0 ? 'trendDown' : 'trendFlat');
		return el('span', { className: 'trend', 'data-last-seven-days': String(trend.lastSevenDays),
			'data-change': String(trend.change), title: t(direction) },
			el('span', { className: 'spark', 'aria-hidden': 'true' }, bar(trend.sevenDaysBefore, 'before'),
				bar(trend.lastSevenDays, 'last')),
			el('span', { text: t('trend', trend.lastSevenDays, trend.sevenDaysBefore) + ' · ' + t(direction) }));
	}

	function cluster(c) {
		const item = el('li', { className: 'cluster', 'data-cluster-id': c.id, 'data-locale': c.locale });
		const pick = el('select', { className: 'faq-pick', 'aria-label': t('pickFaq') });
		if (c.suggestedFaq) {
			pick.append(el('option', { value: c.suggestedFaq.faqId, selected: true, text: c.suggestedFaq.question }));
		}
		else {
			searchFaqs(c, '', pick); // no suggestion: offer the first FAQs of the language
		}
		const search = el('input', { type: 'search', className: 'faq-search', placeholder: t('searchFaq'),
			'aria-label': t('searchFaq') });
		let typing = null;
		search.addEventListener('input', () => {
			clearTimeout(typing);
			typing = setTimeout(() => searchFaqs(c, search.value.trim(), pick), 300);
		});
		item.append(
			el('h2', { className: 'label', text: c.label }),
			el('p', { className: 'meta' },
				el('span', { className: 'pill', text: c.locale }), ' ',
				el('strong', { className: 'size', 'data-size': String(c.size), text: t('size', c.size) }), ' · ',
				el('span', { text: c.singleton ? t('single') : t('distinct', c.distinctQuestions) }), ' · ',
				sparkline(c.trend), ' · ',
				el('span', { className: 'muted', text: t('lastSeen', time(c.lastSeen)) })),
			el('h3', { text: t('samples') }),
			el('ul', { className: 'samples' }, ...c.samples.map((s) => el('li', { text: s }))),
			el('p', { className: 'suggestion' }, el('strong', { text: t('suggested') + ': ' }),
				c.suggestedFaq
					? el('span', { 'data-faq-id': c.suggestedFaq.faqId },
						el('a', { href: A.href('/admin?faq=' + encodeURIComponent(c.suggestedFaq.faqId)),
							text: c.suggestedFaq.question }), ' ',
						el('span', { className: 'muted', text: t('score', Number(c.suggestedFaq.score).toFixed(2)) }))
					: el('span', { className: 'muted', text: t('noSuggestion') })),
			el('div', { className: 'cluster-actions' },
				el('fieldset', { className: 'add-box' }, el('legend', { text: t('addTo') }), search, pick,
					el('button', { type: 'button', className: 'add-to-faq primary', text: t('add'),
						onclick: () => addToFaq(c, item, pick) })),
				el('button', { type: 'button', className: 'create-draft', text: t('createDraft'),
					onclick: () => createDraft(c, item) }),
				el('button', { type: 'button', className: 'dismiss danger', text: t('dismiss'),
					onclick: () => dismiss(c, item) })),
			el('p', { className: 'message cluster-message', role: 'status' }));
		return item;
	}

	async function searchFaqs(c, text, pick) {
		const params = new URLSearchParams({ locale: c.locale, size: '20' });
		if (text) {
			params.set('q', text);
		}
		let page;
		try {
			page = await api('GET', '/api/v1/faqs?' + params);
		}
		catch (e) {
			message(t('failed', e.message), 'error');
			return;
		}
		const options = page.items.map((f) => el('option', { value: f.id, text: f.question + ' (' + f.id + ')' }));
		pick.replaceChildren(...(options.length ? options : [el('option', { value: '', text: t('noFaqs') })]));
	}

	/** Replaces a handled cluster by what happened to it. */
	function done(item, state, text, link) {
		item.dataset.state = state;
		item.replaceChildren(el('p', { className: 'message', 'data-state': 'ok', text }),
			link ? el('p', null, link) : null);
		const remaining = document.querySelectorAll('#clusters .cluster:not([data-state])').length;
		$('count').textContent = t('count', remaining);
	}

	function failed(item, e) {
		const box = item.querySelector('.cluster-message');
		box.textContent = t('failed', e.message);
		box.dataset.state = 'error';
	}

	async function addToFaq(c, item, pick) {
		const faqId = pick.value;
		if (!faqId) {
			failed(item, new Error(t('chooseFaq')));
			return;
		}
		try {
			const faq = await api('POST', '/api/v1/unanswered/clusters/' + encodeURIComponent(c.id) + '/add-to-faq', { faqId });
			done(item, 'added', t('added', faq.question), el('a', { className: 'open-faq', 'data-faq-id': faq.id,
				href: A.href('/admin?faq=' + encodeURIComponent(faq.id)), text: t('openFaq') }));
		}
		catch (e) {
			failed(item, e);
		}
	}

	async function createDraft(c, item) {
		try {
			const faq = await api('POST', '/api/v1/unanswered/clusters/' + encodeURIComponent(c.id) + '/create-draft', {});
			done(item, 'drafted', t('drafted'), el('a', { className: 'open-faq', 'data-faq-id': faq.id,
				href: A.href('/admin?faq=' + encodeURIComponent(faq.id)), text: t('openDraft') }));
		}
		catch (e) {
			failed(item, e);
		}
	}

	async function dismiss(c, item) {
		if (!window.confirm(t('confirmDismiss'))) {
			return;
		}
		try {
			await api('POST', '/api/v1/unanswered/clusters/' + encodeURIComponent(c.id) + '/dismiss', {});
			done(item, 'dismissed', t('dismissed'));
		}
		catch (e) {
			failed(item, e);
		}
	}

	async function rebuild() {
		$('rebuild').disabled = true;
		try {
			// 204: recomputed on this server; 202 {"status":"requested"}: another server will, on its next round
			const result = await api('POST', '/api/v1/unanswered/rebuild', {});
			const requested = result !== null && result.status === 'requested';
			message(t(requested ? 'rebuildRequested' : 'rebuilt'), requested ? 'pending' : 'ok');
			await load();
		}
		catch (e) {
			message(t('failed', e.message), 'error');
		}
		finally {
			$('rebuild').disabled = false;
		}
	}

	A.translate(t, 'docTitle');
	A.header('unanswered');
	$('locale').value = new URLSearchParams(window.location.search).get('locale') || '';
	$('locale').addEventListener('change', load);
	$('toolbar').addEventListener('submit', (event) => event.preventDefault());
	$('rebuild').addEventListener('click', rebuild);
	load();
})();
