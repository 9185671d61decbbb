/*
 * Kotae editor workspace, FAQ page: the FAQ list and editor (with history, diff and revert), the "try a
 * question" panel and the classifier's retraining status. Plain browser JavaScript, no build
 * step. Every FAQ and user text is put on the page with textContent or DOM calls, never innerHTML.
 */
(() => {
	'use strict';

	const DICT = {
		ja: {
			title: 'ナレッジベース編集', docTitle: 'Kotae ナレッジベース編集',
			tabFaqs: 'FAQ', tabTry: '質問を試す', tabEdit: '編集', tabHistory: '履歴',
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
			audienceFilter: '対象（everyone = 全員向け）', export: 'CSV エクスポート', delete: '削除',
			confirmDelete: '「{0}」を削除しますか？履歴は残りますが、FAQ は一覧と検索から消えます。', deleted: '削除しました: {0}',
			answeredBy: 'この FAQ が回答します', candidateUnpublished: '（非公開: {0}）', score: 'スコア',
			tabImport: 'CSV 取り込み',
			importFile: 'CSV ファイル（UTF-8、1 行目は見出し: id, locale, category, question, alternative_questions, answer, tags, status, audience）',
			importPreview: 'プレビュー', importCheckTitle: '取り込むと、こうなります（まだ何も保存していません）',
			importRejectedTitle: '取り込まれない行', importRowsTitle: '行ごとの結果（最初の {0} 行）', importLine: '行',
			importReason: '理由', importOutcome: '結果', importCommit: '取り込む', importChooseFile: 'ファイルを選んでください。',
			'import.total': '行数', 'import.create': '新規作成', 'import.update': '更新', 'import.unchanged': '変更なし',
			'import.reject': '取り込まない', importNothing: '作成・更新される FAQ はありません。',
			importProgress: '{0} / {1} 行（{2} %）', importReading: 'ファイルを確認しています…',
			'importState.running': '取り込み中…', 'importState.done': '取り込みが終わりました: 作成 {0} 件、更新 {1} 件、変更なし {2} 件、取り込まない行 {3} 件。',
			'importState.failed': '取り込みが途中で止まりました。{0}', 'importState.interrupted': '取り込みが中断されました（サーバーが停止しました）。同じファイルをもう一度取り込むと続きから反映されます。',
		},
		en: {
			title: 'Knowledge base editor', docTitle: 'Kotae knowledge base',
			tabFaqs: 'FAQs', tabTry: 'Try a question', tabEdit: 'Edit', tabHistory: 'History',
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
			audienceFilter: 'Audience (everyone = for all)', export: 'Export CSV', delete: 'Delete',
			confirmDelete: 'Delete "{0}"? Its history is kept, but the FAQ leaves the list and search.',
			deleted: 'Deleted: {0}',
			answeredBy: 'This FAQ answers', candidateUnpublished: '(not published: {0})', score: 'Score',
			tabImport: 'CSV import',
			importFile: 'CSV file (UTF-8, first line is the header: id, locale, category, question, alternative_questions, answer, tags, status, audience)',
			importPreview: 'Preview', importCheckTitle: 'What the import will do (nothing is saved yet)',
			importRejectedTitle: 'Rows that will not be imported', importRowsTitle: 'Row by row (first {0} rows)',
			importLine: 'Line', importReason: 'Reason', importOutcome: 'Outcome', importCommit: 'Import',
			importChooseFile: 'Choose a file.',
			'import.total': 'Rows', 'import.create': 'New', 'import.update': 'Updated', 'import.unchanged': 'Unchanged',
			'import.reject': 'Rejected', importNothing: 'No FAQ would be created or updated.',
			importProgress: '{0} / {1} rows ({2} %)', importReading: 'Checking the file…',
			'importState.running': 'Importing…', 'importState.done': 'Import finished: {0} created, {1} updated, {2} unchanged, {3} rejected.',
			'importState.failed': 'The import stopped part way. {0}', 'importState.interrupted': 'The import was cut off (the server stopped). Importing the same file again finishes it.',
		},
	};

	const PAGE_SIZE = 20;
	const POLL_MS = 3000;
	const $ = (id) => document.getElementById(id);

	const state = {
		page: 0,
		total: 0,
		faq: null, // the FAQ in the editor as last loaded or saved; null for a new one
		listToken: 0,
		pollTimer: null,
	};

	const A = window.KotaeAdmin;
	const { api, el, time, alert, lang } = A;
	const t = A.translator(DICT);
	const renderMarkdown = A.markdown;

	// ---------------------------------------------------------------- tabs

	function selectTab(tab) {
		for (const other of document.querySelectorAll('.tabs [role=tab]')) {
			const selected = other === tab;
			other.setAttribute('aria-selected', String(selected));
			$(other.dataset.panel).hidden = !selected;
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
		put('audience', $('filter-audience').value.trim());
		$('export').href = '/api/v1/faqs/export' + (params.toString() ? '?' + params : '');
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
		$('delete').disabled = !faq;
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
		$('list-message').textContent = '';
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

	async function deleteFaq() {
		const faq = state.faq;
		if (!faq || !window.confirm(t('confirmDelete', faq.question))) {
			return;
		}
		try {
			await api('DELETE', '/api/v1/faqs/' + encodeURIComponent(faq.id));
		}
		catch (e) {
			failed(e);
			return;
		}
		state.faq = null;
		$('editor-box').hidden = true;
		$('editor-empty').hidden = false;
		$('list-message').textContent = t('deleted', faq.question);
		$('list-message').dataset.state = 'ok';
		loadList();
		pollSoon();
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
		const opener = (id, text) => el('button', { type: 'button', className: 'link', text,
			onclick: () => {
				selectTab($('tab-faqs'));
				openFaq(id);
			} });
		if (answer.faq) {
			row(t('answeredBy'), el('span', { className: 'answered-by', 'data-faq-id': answer.faq.id },
				opener(answer.faq.id, answer.faq.question)),
				el('div', { className: 'preview' }, renderMarkdown(answer.faq.answer)));
		}
		if (answer.choices && answer.choices.length) {
			row(t('choices'), el('ul', null, ...answer.choices.map((c) => el('li', { 'data-faq-id': c.id, text: c.question }))));
		}
		if (answer.candidates && answer.candidates.length) {
			const answering = answer.faq ? answer.faq.id : null;
			row(t('candidates'), el('ol', { className: 'candidates' }, ...answer.candidates.map((c) =>
				el('li', { 'data-faq-id': c.id, 'data-answers': c.id === answering ? 'true' : null },
					c.question ? opener(c.id, c.question) : el('span', { text: t('candidateUnpublished', c.id) }), ' ',
					el('span', { className: 'muted', text: c.id }), ' ',
					el('meter', { min: '0', max: '1', value: String(c.score), title: t('score') }), ' ',
					el('span', { className: 'score', text: Number(c.score).toFixed(2) }),
					c.id === answering ? el('strong', { className: 'answers', text: ' ← ' + t('answeredBy') }) : null))));
		}
		box.replaceChildren(dl);
	}

	// ---------------------------------------------------------------- CSV import: preview, job, progress

	const IMPORT_POLL_MS = 500;
	const PREVIEW_ROWS = 200;

	/** POSTs a file as a text/csv body with the session's CSRF token; problem details become errors. */
	async function upload(path, file) {
		const headers = { Accept: 'application/json', 'Content-Type': 'text/csv' };
		const xsrf = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
		if (xsrf) {
			headers['X-XSRF-TOKEN'] = decodeURIComponent(xsrf.substring('XSRF-TOKEN='.length));
		}
		const response = await fetch(window.location.origin + path, { method: 'POST', headers, body: file,
			credentials: 'same-origin', cache: 'no-store' });
		let json = null;
		try {
			json = await response.json();
		}
		catch (e) {
			json = null;
		}
		if (!response.ok) {
			const error = new Error((json && (json.detail || json.title)) || ('HTTP ' + response.status));
			error.status = response.status;
			throw error;
		}
		return json;
	}

	function importMessage(text, kind) {
		$('import-message').textContent = text || '';
		$('import-message').dataset.state = kind || '';
	}

	function counts(result) {
		const dl = $('import-counts');
		dl.replaceChildren();
		const put = (key, value) => dl.append(el('div', { className: 'count', 'data-count': key },
			el('dt', { text: t('import.' + key) }), el('dd', { text: String(value) })));
		put('total', result.total);
		put('create', result.created);
		put('update', result.updated);
		put('unchanged', result.unchanged);
		put('reject', result.rejected.length);
	}

	async function previewImport(event) {
		event.preventDefault();
		const file = $('import-file').files[0];
		$('import-check').hidden = true;
		$('import-run').hidden = true;
		if (!file) {
			importMessage(t('importChooseFile'), 'error');
			return;
		}
		importMessage(t('importReading'));
		let result;
		try {
			result = await upload('/api/v1/faqs/import/preview', file);
		}
		catch (e) {
			importMessage(t('failed', e.message), 'error');
			return;
		}
		importMessage(result.created + result.updated === 0 ? t('importNothing') : null);
		counts(result);
		const rejected = $('import-rejected').tBodies[0];
		rejected.replaceChildren(...result.rejected.map((r) => el('tr', { 'data-line': String(r.line) },
			el('td', { text: String(r.line) }), el('td', { text: r.reason }))));
		$('import-rejected-box').hidden = result.rejected.length === 0;
		$('import-rows-box').querySelector('summary').textContent = t('importRowsTitle', PREVIEW_ROWS);
		$('import-rows').tBodies[0].replaceChildren(...result.rows.map((r) => el('tr', { 'data-line': String(r.line),
			'data-outcome': r.outcome },
			el('td', { text: String(r.line) }), el('td', { text: t('import.' + r.outcome) }),
			el('td', { text: r.id || '' }), el('td', { text: r.question || '' }))));
		$('import-commit').disabled = result.created + result.updated === 0;
		$('import-check').hidden = false;
		$('import-check').dataset.file = file.name;
	}

	async function commitImport() {
		const file = $('import-file').files[0];
		if (!file) {
			importMessage(t('importChooseFile'), 'error');
			return;
		}
		$('import-commit').disabled = true;
		let job;
		try {
			job = await upload('/api/v1/faqs/import/jobs', file);
		}
		catch (e) {
			importMessage(t('failed', e.message), 'error');
			$('import-commit').disabled = false;
			return;
		}
		$('import-check').hidden = true;
		$('import-run').hidden = false;
		$('import-result').textContent = '';
		$('import-result').dataset.state = '';
		showJob(job);
		while (job.state === 'running') {
			await new Promise((resolve) => setTimeout(resolve, IMPORT_POLL_MS));
			try {
				job = await api('GET', '/api/v1/faqs/import/jobs/' + encodeURIComponent(job.id));
			}
			catch (e) {
				importMessage(t('failed', e.message), 'error');
				return;
			}
			showJob(job);
		}
		loadList();
		pollSoon();
	}

	function showJob(job) {
		const percent = job.total === 0 ? 100 : Math.floor((job.done * 100) / job.total);
		const bar = $('import-progress');
		bar.max = Math.max(1, job.total);
		bar.value = job.total === 0 ? 1 : job.done;
		bar.dataset.percent = String(percent);
		$('import-progress-text').textContent = t('importProgress', job.done, job.total, percent);
		const result = $('import-result');
		result.dataset.state = job.state;
		result.dataset.jobId = job.id;
		result.textContent = job.state === 'done'
			? t('importState.done', job.created, job.updated, job.unchanged, job.rejectedCount)
			: t('importState.' + job.state, job.error || '');
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

	// ---------------------------------------------------------------- start

	A.translate(t, 'docTitle');
	A.header('faqs');
	for (const tab of document.querySelectorAll('.tabs [role=tab]')) {
		tab.addEventListener('click', () => selectTab(tab));
	}
	for (const tab of document.querySelectorAll('.subtabs [role=tab]')) {
		tab.addEventListener('click', () => selectSub(tab));
	}
	$('filters').addEventListener('submit', search);
	$('filter-locale').addEventListener('change', search);
	$('filter-status').addEventListener('change', search);
	$('filter-audience').addEventListener('change', search);
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
	$('delete').addEventListener('click', deleteFaq);
	$('reload').addEventListener('click', () => state.faq && openFaq(state.faq.id));
	$('try-form').addEventListener('submit', tryQuestion);
	$('import-form').addEventListener('submit', previewImport);
	$('import-commit').addEventListener('click', commitImport);
	$('try-locale').value = lang;
	$('retrain').addEventListener('click', retrain);
	loadList();
	pollNlu();
	// /admin?faq=<id> opens that FAQ (the unanswered inbox links a new draft this way)
	const linked = new URLSearchParams(window.location.search).get('faq');
	if (linked) {
		openFaq(linked);
	}
})();
