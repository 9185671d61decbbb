/*
 * Kotae editor workspace: the FAQ list and editor (with history, diff and revert), the "try a question"
 * panel, the classifier's retraining status and the analytics summary. Plain browser JavaScript, no build
 * step. Every FAQ and user text is put on the page with textContent or DOM calls, never innerHTML.
 */
(() => {
	'use strict';

	const DICT = {
		ja: {
			title: 'ナレッジベース編集', docTitle: 'Kotae ナレッジベース編集',
			tabFaqs: 'FAQ', tabTry: '質問を試す', tabAnalytics: '分析', tabEdit: '編集', tabHistory: '履歴',
			faqs: 'FAQ 一覧', search: '検索', searchPlaceholder: 'キーワードで検索', locale: '言語', status: '状態',
			allLocales: 'すべての言語', allStatuses: 'すべての状態', category: 'カテゴリ',
			'status.draft': '下書き', 'status.published': '公開中', 'status.archived': 'アーカイブ',
			newFaq: '新しい FAQ', prev: '前へ', next: '次へ', pageInfo: '{0} / {1} ページ', count: '{0} 件',
			noFaqs: '該当する FAQ はありません。',
			pickFaq: '左の一覧から FAQ を選ぶか、新しく作成してください。', newTitle: '新しい FAQ',
			question: '質問', alternatives: '言い換え（1 行に 1 つ）', answer: '回答（Markdown）', preview: 'プレビュー',
			tags: 'タグ（カンマ区切り）', audience: '対象（key=value;…、空 = 全員）',
			save: '保存', publish: '公開', unpublish: '公開を取り消す', archive: 'アーカイブ', reload: '再読み込み',
			version: 'v{0}', saved: '保存しました（v{0}）。', created: '作成しました（v{0}）。', statusChanged: '状態を変更しました: {0}',
			conflict: 'ほかの人がこの FAQ を変更しました。再読み込みしてください。', failed: 'できませんでした。{0}',
			reverted: 'v{0} に戻しました（新しい版 v{1}）。',
			versionsEmpty: '履歴はありません。', showDiff: '差分', revert: 'この版に戻す', diffTitle: 'v{0} → v{1}',
			noChanges: '変更はありません。', by: '{0} さん',
			'field.locale': '言語', 'field.question': '質問', 'field.alternativeQuestions': '言い換え', 'field.answer': '回答',
			'field.category': 'カテゴリ', 'field.tags': 'タグ', 'field.status': '状態', 'field.audience': '対象',
			training: '学習中…', retrain: '今すぐ再学習', retrainAsked: '再学習を予約しました。',
			nluLine: '分類器: {0}', nluUpToDate: '最新', nluOutdated: '更新待ち（モデル {0} / KB {1}）',
			nluTrainedAt: '学習日時 {0}', nluDisabled: '無効', nluNoModel: 'モデルなし',
			'state.IDLE': '待機中', 'state.SCHEDULED': '予約済み', 'state.TRAINING': '学習中',
			tryLabel: 'お客さまの質問', tryButton: '試す', decision: '判定', confidence: '確信度', faq: 'FAQ',
			choices: '候補', candidates: '上位候補', reason: '理由', intent: 'インテント',
			'decision.answer': '回答', 'decision.choices': '候補を提示', 'decision.escalate': '有人対応へ',
			'decision.fallback': '回答できない', 'decision.smalltalk': '雑談', 'decision.system': 'システム',
			analyticsRange: '{0} 〜 {1}（{2}）',
			'card.conversations': '会話', 'card.decisions': '判定', 'card.votes': '評価', 'card.csat': '満足度',
			'card.nps': 'NPS', 'card.handoffs': '有人対応', 'card.afterHours': '営業時間外', 'card.topFaqs': 'よく使われた FAQ',
		},
		en: {
			title: 'Knowledge base editor', docTitle: 'Kotae knowledge base',
			tabFaqs: 'FAQs', tabTry: 'Try a question', tabAnalytics: 'Analytics', tabEdit: 'Edit', tabHistory: 'History',
			faqs: 'FAQs', search: 'Search', searchPlaceholder: 'Search by keyword', locale: 'Language', status: 'Status',
			allLocales: 'All languages', allStatuses: 'All statuses', category: 'Category',
			'status.draft': 'Draft', 'status.published': 'Published', 'status.archived': 'Archived',
			newFaq: 'New FAQ', prev: 'Previous', next: 'Next', pageInfo: 'Page {0} of {1}', count: '{0} FAQs',
			noFaqs: 'No FAQs match.',
			pickFaq: 'Pick an FAQ from the list or create a new one.', newTitle: 'New FAQ',
			question: 'Question', alternatives: 'Alternative questions (one per line)', answer: 'Answer (Markdown)',
			preview: 'Preview', tags: 'Tags (comma-separated)', audience: 'Audience (key=value;…, empty = everyone)',
			save: 'Save', publish: 'Publish', unpublish: 'Unpublish', archive: 'Archive', reload: 'Reload',
			version: 'v{0}', saved: 'Saved (v{0}).', created: 'Created (v{0}).', statusChanged: 'Status changed: {0}',
			conflict: 'Someone else changed this FAQ. Reload it.', failed: 'That did not work. {0}',
			reverted: 'Reverted to v{0} (new version v{1}).',
			versionsEmpty: 'No history.', showDiff: 'Diff', revert: 'Revert to this version', diffTitle: 'v{0} → v{1}',
			noChanges: 'No changes.', by: 'by {0}',
			'field.locale': 'Language', 'field.question': 'Question', 'field.alternativeQuestions': 'Alternatives',
			'field.answer': 'Answer', 'field.category': 'Category', 'field.tags': 'Tags', 'field.status': 'Status',
			'field.audience': 'Audience',
			training: 'Training…', retrain: 'Retrain now', retrainAsked: 'Retraining scheduled.',
			nluLine: 'Classifier: {0}', nluUpToDate: 'up to date', nluOutdated: 'out of date (model {0} / KB {1})',
			nluTrainedAt: 'trained {0}', nluDisabled: 'disabled', nluNoModel: 'no model',
			'state.IDLE': 'idle', 'state.SCHEDULED': 'scheduled', 'state.TRAINING': 'training',
			tryLabel: 'Customer question', tryButton: 'Try', decision: 'Decision', confidence: 'Confidence', faq: 'FAQ',
			choices: 'Choices', candidates: 'Top candidates', reason: 'Reason', intent: 'Intent',
			'decision.answer': 'Answer', 'decision.choices': 'Choices', 'decision.escalate': 'Escalate',
			'decision.fallback': 'Fallback', 'decision.smalltalk': 'Small talk', 'decision.system': 'System',
			analyticsRange: '{0} to {1} ({2})',
			'card.conversations': 'Conversations', 'card.decisions': 'Decisions', 'card.votes': 'Votes',
			'card.csat': 'CSAT', 'card.nps': 'NPS', 'card.handoffs': 'Hand-offs', 'card.afterHours': 'After hours',
			'card.topFaqs': 'Top FAQs',
		},
	};

	const PAGE_SIZE = 20;
	const POLL_MS = 3000;
	const lang = chooseLanguage();
	const $ = (id) => document.getElementById(id);

	const state = {
		page: 0,
		total: 0,
		faq: null, // the FAQ in the editor as last loaded or saved; null for a new one
		listToken: 0,
		pollTimer: null,
	};

	function chooseLanguage() {
		const param = new URLSearchParams(window.location.search).get('lang');
		if (param === 'ja' || param === 'en') {
			return param;
		}
		return 'ja';
	}

	function t(key, ...args) {
		const text = DICT[lang][key] ?? DICT.ja[key] ?? key;
		return text.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ''));
	}

	function el(tag, props, ...children) {
		const node = document.createElement(tag);
		for (const [name, value] of Object.entries(props || {})) {
			if (value === undefined || value === null || value === false) {
				continue;
			}
			if (name === 'text') {
				node.textContent = value;
			}
			else if (name === 'className') {
				node.className = value;
			}
			else if (name.startsWith('on')) {
				node.addEventListener(name.slice(2), value);
			}
			else {
				node.setAttribute(name, value === true ? '' : value);
			}
		}
		for (const child of children) {
			if (child !== null && child !== undefined && child !== false) {
				node.append(child);
			}
		}
		return node;
	}

	function time(iso) {
		if (!iso) {
			return '';
		}
		const d = new Date(iso);
		return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString(lang === 'en' ? 'en' : 'ja-JP');
	}

	const api = window.KotaeConsole.api;

	function alert(text) {
		$('alert').textContent = text || '';
		$('alert').hidden = !text;
	}

	// ---------------------------------------------------------------- Markdown (to DOM, never HTML)

	function safeUrl(raw) {
		try {
			const url = new URL(raw);
			return (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:') ? url.href : null;
		}
		catch (e) {
			return null;
		}
	}

	const LINK = /^\[([^\]\n]+)\]\(\s*<?([^\s()<>]+(?:\([^\s()<>]*\)[^\s()<>]*)*)>?\s*\)/;
	const BARE_URL = /^https?:\/\/[^\s<>"'`()（）「」『』、。]+/;
	const HEADING = /^(#{1,3})\s+(.*?)\s*#*\s*$/;
	const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
	const NUMBERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;

	/** Inline Markdown: **bold**, *italic*, `code`, [text](url), bare http(s) URLs, \-escapes. */
	function appendInline(parent, text) {
		let buffer = '';
		const flush = () => {
			if (buffer) {
				parent.append(document.createTextNode(buffer));
				buffer = '';
			}
		};
		let i = 0;
		while (i < text.length) {
			const ch = text.charAt(i);
			const next = text.charAt(i + 1);
			let end;
			let match;
			if (ch === '\\' && next && '\\`*_[]()#+-.!'.indexOf(next) >= 0) {
				buffer += next;
				i += 2;
				continue;
			}
			if (ch === '`') {
				end = text.indexOf('`', i + 1);
				if (end > i + 1) {
					flush();
					parent.append(el('code', { text: text.slice(i + 1, end) }));
					i = end + 1;
					continue;
				}
			}
			if (ch === '*' && next === '*') {
				end = text.indexOf('**', i + 2);
				if (end > i + 2) {
					flush();
					const strong = el('strong');
					appendInline(strong, text.slice(i + 2, end));
					parent.append(strong);
					i = end + 2;
					continue;
				}
			}
			if (ch === '*' && next && next !== '*' && !/\s/.test(next)) {
				end = i + 1;
				while ((end = text.indexOf('*', end)) !== -1 && text.charAt(end + 1) === '*') {
					end += 2;
				}
				if (end > i + 1 && !/\s/.test(text.charAt(end - 1))) {
					flush();
					const em = el('em');
					appendInline(em, text.slice(i + 1, end));
					parent.append(em);
					i = end + 1;
					continue;
				}
			}
			if (ch === '[' && (match = LINK.exec(text.slice(i)))) {
				flush();
				const href = safeUrl(match[2]);
				if (href) {
					const a = el('a', { href, target: '_blank', rel: 'noopener noreferrer' });
					appendInline(a, match[1]);
					parent.append(a);
				}
				else {
					appendInline(parent, match[1]); // a link we do not allow: its text only
				}
				i += match[0].length;
				continue;
			}
			if (ch === 'h' && !/[A-Za-z0-9]/.test(text.charAt(i - 1)) && (match = BARE_URL.exec(text.slice(i)))) {
				const url = match[0].replace(/[.,;:!?]+$/, '');
				const bare = safeUrl(url);
				if (bare) {
					flush();
					parent.append(el('a', { href: bare, target: '_blank', rel: 'noopener noreferrer', text: url }));
					i += url.length;
					continue;
				}
			}
			buffer += ch;
			i++;
		}
		flush();
	}

	/** Block Markdown: paragraphs (line breaks kept), # to ### headings, bullet and numbered lists. */
	function renderMarkdown(source) {
		const fragment = document.createDocumentFragment();
		const lines = String(source || '').replace(/\r\n?/g, '\n').split('\n');
		let paragraph = null;
		const flush = () => {
			if (paragraph) {
				const p = el('p');
				paragraph.forEach((line, index) => {
					if (index > 0) {
						p.append(el('br'));
					}
					appendInline(p, line.trim());
				});
				fragment.append(p);
				paragraph = null;
			}
		};
		let i = 0;
		while (i < lines.length) {
			const line = lines[i];
			let match;
			if (/^\s*$/.test(line)) {
				flush();
				i++;
				continue;
			}
			if ((match = HEADING.exec(line))) {
				flush();
				const heading = el('h' + (match[1].length + 2));
				appendInline(heading, match[2]);
				fragment.append(heading);
				i++;
				continue;
			}
			const numbered = NUMBERED.exec(line);
			if (numbered || BULLET.test(line)) {
				flush();
				const pattern = numbered ? NUMBERED : BULLET;
				const list = el(numbered ? 'ol' : 'ul');
				if (numbered && numbered[1] !== '1') {
					list.setAttribute('start', String(parseInt(numbered[1], 10)));
				}
				let item = null;
				while (i < lines.length) {
					const m = pattern.exec(lines[i]);
					if (m) {
						item = el('li');
						appendInline(item, numbered ? m[2] : m[1]);
						list.append(item);
						i++;
					}
					else if (item && /^\s{2,}\S/.test(lines[i])) {
						item.append(el('br'));
						appendInline(item, lines[i].trim());
						i++;
					}
					else {
						break;
					}
				}
				fragment.append(list);
				continue;
			}
			(paragraph = paragraph || []).push(line);
			i++;
		}
		flush();
		return fragment;
	}

	// ---------------------------------------------------------------- tabs

	function selectTab(tab) {
		for (const other of document.querySelectorAll('.tabs [role=tab]')) {
			const selected = other === tab;
			other.setAttribute('aria-selected', String(selected));
			$(other.dataset.panel).hidden = !selected;
		}
		if (tab.id === 'tab-analytics') {
			loadAnalytics();
		}
	}

	function selectSub(tab) {
		for (const other of document.querySelectorAll('.subtabs [role=tab]')) {
			const selected = other === tab;
			other.setAttribute('aria-selected', String(selected));
			document.querySelector('[data-sub-panel="' + other.dataset.sub + '"]').hidden = !selected;
		}
		if (tab.id === 'tab-history') {
			loadHistory();
		}
	}

	// ---------------------------------------------------------------- the FAQ list

	async function loadList() {
		const token = ++state.listToken;
		const params = new URLSearchParams();
		const put = (name, value) => {
			if (value) {
				params.set(name, value);
			}
		};
		put('q', $('search').value.trim());
		put('locale', $('filter-locale').value);
		put('status', $('filter-status').value);
		put('category', $('filter-category').value.trim());
		params.set('page', String(state.page));
		params.set('size', String(PAGE_SIZE));
		let result;
		try {
			result = await api('GET', '/api/v1/faqs?' + params);
		}
		catch (e) {
			alert(t('failed', e.message));
			return;
		}
		if (token !== state.listToken) {
			return; // a newer search is on its way
		}
		alert(null);
		state.total = result.total;
		const list = $('faq-list');
		list.replaceChildren();
		for (const faq of result.items) {
			const button = el('button', { type: 'button', className: 'faq-open', onclick: () => openFaq(faq.id) },
				el('span', { className: 'faq-q', text: faq.question }),
				el('span', { className: 'faq-meta' },
					el('span', { className: 'pill status-' + faq.status, 'data-status': faq.status, text: t('status.' + faq.status) }),
					el('span', { text: faq.locale }),
					faq.category ? el('span', { text: faq.category }) : null,
					el('span', { text: t('version', faq.version) })));
			list.append(el('li', { 'data-faq-id': faq.id, 'aria-current': state.faq && state.faq.id === faq.id ? 'true' : null }, button));
		}
		if (result.items.length === 0) {
			list.append(el('li', { className: 'empty', text: t('noFaqs') }));
		}
		const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
		$('list-count').textContent = t('count', result.total);
		$('page-info').textContent = t('pageInfo', state.page + 1, pages);
		$('prev').disabled = state.page === 0;
		$('next').disabled = state.page + 1 >= pages;
		$('faq-list').dataset.loaded = String(token);
	}

	function search(event) {
		if (event) {
			event.preventDefault();
		}
		state.page = 0;
		loadList();
	}

	// ---------------------------------------------------------------- the editor

	function message(text, kind) {
		const node = $('editor-message');
		node.textContent = text || '';
		node.dataset.state = kind || '';
		$('reload').hidden = kind !== 'conflict';
	}

	function fill(faq) {
		state.faq = faq;
		$('editor-empty').hidden = true;
		$('editor-box').hidden = false;
		$('editor-title').textContent = faq ? faq.question : t('newTitle');
		$('editor-box').dataset.faqId = faq ? faq.id : '';
		$('f-status').textContent = faq ? t('status.' + faq.status) : t('status.draft');
		$('f-status').dataset.status = faq ? faq.status : 'draft';
		$('f-version').textContent = faq ? t('version', faq.version) : '';
		$('f-version').dataset.version = faq ? String(faq.version) : '';
		$('f-locale').value = faq ? faq.locale : ($('filter-locale').value || 'ja');
		$('f-locale').disabled = !!faq;
		$('f-question').value = faq ? faq.question : '';
		$('f-alts').value = faq ? (faq.alternativeQuestions || []).join('\n') : '';
		$('f-answer').value = faq ? faq.answer : '';
		$('f-category').value = faq ? (faq.category || '') : '';
		$('f-tags').value = faq ? (faq.tags || []).join(', ') : '';
		$('f-audience').value = faq ? (faq.audience || '') : '';
		$('publish').disabled = !faq || faq.status === 'published';
		$('unpublish').disabled = !faq || faq.status !== 'published';
		$('archive').disabled = !faq || faq.status === 'archived';
		$('tab-history').disabled = !faq;
		renderPreview();
		for (const li of $('faq-list').children) {
			li.setAttribute('aria-current', String(!!faq && li.dataset.faqId === faq.id));
		}
	}

	async function openFaq(id) {
		try {
			const faq = await api('GET', '/api/v1/faqs/' + encodeURIComponent(id));
			message(null);
			fill(faq);
			selectSub($('tab-edit'));
		}
		catch (e) {
			alert(t('failed', e.message));
		}
	}

	function newFaq() {
		message(null);
		fill(null);
		selectSub($('tab-edit'));
		$('f-question').focus();
	}

	function renderPreview() {
		$('preview').replaceChildren(renderMarkdown($('f-answer').value));
	}

	function lines(text) {
		return text.split('\n').map((s) => s.trim()).filter((s) => s);
	}

	function draft() {
		return {
			locale: $('f-locale').value,
			question: $('f-question').value.trim(),
			alternativeQuestions: lines($('f-alts').value),
			answer: $('f-answer').value,
			category: $('f-category').value.trim() || null,
			tags: $('f-tags').value.split(',').map((s) => s.trim()).filter((s) => s),
			audience: $('f-audience').value.trim(),
		};
	}

	function failed(e) {
		if (e.status === 409) {
			message(t('conflict'), 'conflict');
		}
		else {
			message(t('failed', e.message), 'error');
		}
	}

	async function save(event) {
		event.preventDefault();
		const body = draft();
		const creating = !state.faq;
		$('save').disabled = true;
		try {
			let faq;
			if (creating) {
				faq = await api('POST', '/api/v1/faqs', { ...body, status: 'draft' });
			}
			else {
				faq = await api('PUT', '/api/v1/faqs/' + encodeURIComponent(state.faq.id),
					{ ...body, id: state.faq.id, version: state.faq.version });
			}
			fill(faq);
			message(t(creating ? 'created' : 'saved', faq.version), 'ok');
			loadList();
			pollSoon();
		}
		catch (e) {
			failed(e);
		}
		finally {
			$('save').disabled = false;
		}
	}

	async function changeStatus(action) {
		if (!state.faq) {
			return;
		}
		try {
			const faq = await api('POST', '/api/v1/faqs/' + encodeURIComponent(state.faq.id) + '/' + action,
				{ expectedVersion: state.faq.version });
			fill(faq);
			message(t('statusChanged', t('status.' + faq.status)), 'ok');
			loadList();
			pollSoon();
		}
		catch (e) {
			failed(e);
		}
	}

	// ---------------------------------------------------------------- history, diff, revert

	async function loadHistory() {
		if (!state.faq) {
			return;
		}
		const id = state.faq.id;
		const list = $('versions');
		$('diff').replaceChildren();
		let versions;
		try {
			versions = await api('GET', '/api/v1/faqs/' + encodeURIComponent(id) + '/versions');
		}
		catch (e) {
			message(t('failed', e.message), 'error');
			return;
		}
		list.replaceChildren();
		for (const v of versions) {
			list.append(el('li', { 'data-version': String(v.version) },
				el('strong', { text: t('version', v.version) }), ' ',
				el('span', { className: 'pill status-' + v.status, text: t('status.' + v.status) }), ' ',
				el('span', { className: 'muted', text: time(v.savedAt) + (v.author ? ' · ' + t('by', v.author) : '') }), ' ',
				el('span', { className: 'v-question', text: v.question }),
				el('span', { className: 'v-actions' },
					v.version > 1 ? el('button', { type: 'button', className: 'diff-button', text: t('showDiff'),
						onclick: () => showDiff(id, v.version - 1, v.version) }) : null,
					v.version !== state.faq.version ? el('button', { type: 'button', className: 'revert-button',
						text: t('revert'), onclick: () => revert(id, v.version) }) : null)));
		}
		if (versions.length === 0) {
			list.append(el('li', { className: 'empty', text: t('versionsEmpty') }));
		}
		list.dataset.count = String(versions.length);
	}

	function value(v) {
		if (v === null || v === undefined) {
			return '';
		}
		return Array.isArray(v) ? v.join('\n') : String(v);
	}

	async function showDiff(id, from, to) {
		let diff;
		try {
			diff = await api('GET', '/api/v1/faqs/' + encodeURIComponent(id) + '/diff?from=' + from + '&to=' + to);
		}
		catch (e) {
			message(t('failed', e.message), 'error');
			return;
		}
		const box = $('diff');
		box.replaceChildren(el('h3', { text: t('diffTitle', diff.from, diff.to) }));
		if (diff.changes.length === 0) {
			box.append(el('p', { className: 'muted', text: t('noChanges') }));
		}
		for (const change of diff.changes) {
			const section = el('section', { className: 'change', 'data-field': change.field },
				el('h4', { text: t('field.' + change.field) }));
			if (change.field === 'answer' && diff.answerLines.length > 0) {
				const pre = el('div', { className: 'lines' });
				for (const line of diff.answerLines) {
					const type = String(line.type || line.kind || line.op || '').toLowerCase();
					const sign = type.startsWith('add') || type === 'insert' ? '+' : (type.startsWith('rem') || type.startsWith('del') ? '-' : ' ');
					pre.append(el('div', { className: 'line line-' + (sign === '+' ? 'add' : sign === '-' ? 'del' : 'same'),
						text: sign + ' ' + (line.text ?? line.line ?? '') }));
				}
				section.append(pre);
			}
			else {
				section.append(el('div', { className: 'line line-del', text: '- ' + value(change.before) }),
					el('div', { className: 'line line-add', text: '+ ' + value(change.after) }));
			}
			box.append(section);
		}
	}

	async function revert(id, version) {
		try {
			const faq = await api('POST', '/api/v1/faqs/' + encodeURIComponent(id) + '/revert',
				{ version, expectedVersion: state.faq.version });
			fill(faq);
			message(t('reverted', version, faq.version), 'ok');
			loadHistory();
			loadList();
			pollSoon();
		}
		catch (e) {
			failed(e);
		}
	}

	// ---------------------------------------------------------------- try a question

	async function tryQuestion(event) {
		event.preventDefault();
		const box = $('try-result');
		let answer;
		try {
			answer = await api('POST', '/api/v1/answer', { text: $('try-text').value, locale: $('try-locale').value });
		}
		catch (e) {
			box.replaceChildren(el('p', { className: 'message', 'data-state': 'error', text: t('failed', e.message) }));
			return;
		}
		const dl = el('dl', { className: 'attributes' });
		const row = (label, ...content) => dl.append(el('dt', { text: label }), el('dd', null, ...content));
		row(t('decision'), el('span', { 'data-decision': answer.decision, text: t('decision.' + answer.decision) }));
		row(t('confidence'), el('span', { 'data-confidence': '', text: Number(answer.confidence).toFixed(2) }));
		if (answer.reason) {
			row(t('reason'), el('span', { text: answer.reason }));
		}
		if (answer.intent) {
			row(t('intent'), el('span', { text: answer.intent }));
		}
		if (answer.faq) {
			const link = el('button', { type: 'button', className: 'link', text: answer.faq.question,
				onclick: () => {
					selectTab($('tab-faqs'));
					openFaq(answer.faq.id);
				} });
			row(t('faq'), link, el('div', { className: 'preview' }, renderMarkdown(answer.faq.answer)));
		}
		if (answer.choices && answer.choices.length) {
			row(t('choices'), el('ul', null, ...answer.choices.map((c) => el('li', { 'data-faq-id': c.id, text: c.question }))));
		}
		if (answer.candidates && answer.candidates.length) {
			row(t('candidates'), el('ol', { className: 'candidates' }, ...answer.candidates.map((c) =>
				el('li', { 'data-faq-id': c.id }, el('span', { text: c.id }), ' ',
					el('meter', { min: '0', max: '1', value: String(c.score) }), ' ',
					el('span', { text: Number(c.score).toFixed(2) })))));
		}
		box.replaceChildren(dl);
	}

	// ---------------------------------------------------------------- retraining status

	async function pollNlu() {
		clearTimeout(state.pollTimer);
		let s;
		try {
			s = await api('GET', '/api/v1/nlu/status');
		}
		catch (e) {
			$('nlu-status').textContent = t('failed', e.message);
			state.pollTimer = setTimeout(pollNlu, POLL_MS * 5);
			return;
		}
		const node = $('nlu-status');
		node.dataset.state = s.state;
		node.dataset.upToDate = String(s.upToDate);
		let text;
		if (!s.enabled) {
			text = t('nluLine', t('nluDisabled'));
		}
		else {
			const parts = [t('state.' + s.state)];
			parts.push(s.upToDate ? t('nluUpToDate') : t('nluOutdated', s.kbVersion ?? '–', s.currentKbVersion ?? '–'));
			parts.push(s.modelLoaded ? t('nluTrainedAt', time(s.trainedAt)) : t('nluNoModel'));
			text = t('nluLine', parts.join(' · '));
		}
		node.textContent = text;
		node.title = s.lastError || '';
		const busy = s.state !== 'IDLE';
		$('nlu-training').hidden = !busy;
		$('retrain').disabled = !s.enabled || busy;
		if (busy) {
			state.pollTimer = setTimeout(pollNlu, POLL_MS);
		}
	}

	/** After an edit the KB changed: the classifier may schedule a retraining. */
	function pollSoon() {
		clearTimeout(state.pollTimer);
		state.pollTimer = setTimeout(pollNlu, 500);
	}

	async function retrain() {
		try {
			await api('POST', '/api/v1/nlu/retrain');
			alert(null);
			$('nlu-status').textContent = t('retrainAsked');
		}
		catch (e) {
			alert(t('failed', e.message));
		}
		pollNlu();
	}

	// ---------------------------------------------------------------- analytics

	async function loadAnalytics() {
		let s;
		try {
			s = await api('GET', '/api/v1/analytics/summary');
		}
		catch (e) {
			$('analytics-cards').replaceChildren(el('p', { className: 'message', 'data-state': 'error', text: t('failed', e.message) }));
			return;
		}
		$('analytics-range').textContent = t('analyticsRange', s.from, s.to, s.timeZone);
		const cards = $('analytics-cards');
		cards.replaceChildren();
		for (const key of ['conversations', 'decisions', 'votes', 'csat', 'nps', 'handoffs', 'afterHours']) {
			const group = s[key];
			if (!group || typeof group !== 'object') {
				continue;
			}
			const dl = el('dl');
			for (const [name, v] of Object.entries(group)) {
				if (typeof v === 'number') {
					const shown = (name.toLowerCase().endsWith('rate') || name.toLowerCase().endsWith('share'))
						? (v * 100).toFixed(1) + '%' : String(v);
					dl.append(el('dt', { text: name }), el('dd', { text: shown }));
				}
			}
			cards.append(el('section', { className: 'card', 'data-card': key }, el('h3', { text: t('card.' + key) }), dl));
		}
		if (Array.isArray(s.topFaqs) && s.topFaqs.length) {
			const ol = el('ol');
			for (const top of s.topFaqs) {
				ol.append(el('li', { text: Object.values(top).filter((v) => typeof v !== 'object').join(' · ') }));
			}
			cards.append(el('section', { className: 'card', 'data-card': 'topFaqs' }, el('h3', { text: t('card.topFaqs') }), ol));
		}
	}

	// ---------------------------------------------------------------- start

	function translate() {
		document.documentElement.lang = lang;
		document.title = t('docTitle');
		for (const node of document.querySelectorAll('[data-i18n]')) {
			node.textContent = t(node.dataset.i18n);
		}
		for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
			node.placeholder = t(node.dataset.i18nPlaceholder);
		}
		for (const node of document.querySelectorAll('[data-i18n-label]')) {
			node.setAttribute('aria-label', t(node.dataset.i18nLabel));
		}
	}

	translate();
	for (const tab of document.querySelectorAll('.tabs [role=tab]')) {
		tab.addEventListener('click', () => selectTab(tab));
	}
	for (const tab of document.querySelectorAll('.subtabs [role=tab]')) {
		tab.addEventListener('click', () => selectSub(tab));
	}
	$('filters').addEventListener('submit', search);
	$('filter-locale').addEventListener('change', search);
	$('filter-status').addEventListener('change', search);
	let typing = null;
	$('search').addEventListener('input', () => {
		clearTimeout(typing);
		typing = setTimeout(search, 300);
	});
	$('prev').addEventListener('click', () => {
		state.page = Math.max(0, state.page - 1);
		loadList();
	});
	$('next').addEventListener('click', () => {
		state.page++;
		loadList();
	});
	$('new-faq').addEventListener('click', newFaq);
	$('editor').addEventListener('submit', save);
	$('f-answer').addEventListener('input', renderPreview);
	$('publish').addEventListener('click', () => changeStatus('publish'));
	$('unpublish').addEventListener('click', () => changeStatus('unpublish'));
	$('archive').addEventListener('click', () => changeStatus('archive'));
	$('reload').addEventListener('click', () => state.faq && openFaq(state.faq.id));
	$('try-form').addEventListener('submit', tryQuestion);
	$('try-locale').value = lang;
	$('retrain').addEventListener('click', retrain);
	loadList();
	pollNlu();
})();
