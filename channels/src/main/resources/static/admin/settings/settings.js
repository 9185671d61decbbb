/*
 * Kotae editor workspace, settings page (/admin/settings): synonym sets, sites (allowed origins, default
 * language, NPS, pinned popular FAQs) and out-of-scope phrases. Plain browser JavaScript, no build step;
 * user and FAQ text goes on the page with textContent or DOM calls, never innerHTML.
 */
(() => {
	'use strict';

	const DICT = {
		ja: {
			title: '設定', docTitle: 'Kotae 設定',
			tabSynonyms: '同義語', tabSites: 'サイト', tabOutOfScope: '対象外の質問',
			synonyms: '同義語セット', synonymsHelp: '検索は同じセットの語を同じ意味として扱います。',
			synonymsEmpty: '同義語セットはありません。', newSynonym: '新しい同義語セット', editSynonym: '同義語セットを編集',
			locale: '言語', terms: '語（カンマ区切り）', save: '保存', cancel: 'キャンセル', edit: '編集', delete: '削除',
			saved: '保存しました。', deleted: '削除しました。', added: '{0} 件追加しました（既にあった {1} 件は除く）。',
			confirmDelete: '「{0}」を削除しますか？',
			sites: 'サイト', sitesEmpty: 'サイトはありません。', sitesReadOnly: 'サイトを変更できるのは管理者だけです。',
			newSite: '新しいサイト', editSite: 'サイト {0}', siteKey: 'サイトキー', siteName: '名前',
			origins: '許可するオリジン（1 行に 1 つ、例: https://shop.example）', defaultLocale: '既定の言語',
			nps: 'NPS アンケートを表示', pinned: 'よく見られる FAQ（固定、上から順に）', pinnedEmpty: '固定した FAQ はありません。',
			pinSearch: 'FAQ を検索して固定', search: '検索', pin: '固定', unpin: '外す', up: '上へ', noResults: '該当する FAQ はありません。',
			missingFaq: '（見つかりません）', originCount: 'オリジン {0} 件', npsOn: 'NPS あり',
			outOfScope: '対象外の質問', outOfScopeHelp: 'ボットが FAQ で答えてはいけない質問です。次の再学習から反映されます。',
			outOfScopeEmpty: '対象外の質問はありません。', phrases: '質問（1 行に 1 つ）', add: '追加',
		},
		en: {
			title: 'Settings', docTitle: 'Kotae Settings',
			tabSynonyms: 'Synonyms', tabSites: 'Sites', tabOutOfScope: 'Out of scope',
			synonyms: 'Synonym sets', synonymsHelp: 'Search treats the terms of one set as meaning the same.',
			synonymsEmpty: 'No synonym sets.', newSynonym: 'New synonym set', editSynonym: 'Edit synonym set',
			locale: 'Language', terms: 'Terms (comma-separated)', save: 'Save', cancel: 'Cancel', edit: 'Edit',
			delete: 'Delete', saved: 'Saved.', deleted: 'Deleted.', added: 'Added {0} (skipped {1} already there).',
			confirmDelete: 'Delete "{0}"?',
			sites: 'Sites', sitesEmpty: 'No sites.', sitesReadOnly: 'Only admins can change sites.',
			newSite: 'New site', editSite: 'Site {0}', siteKey: 'Site key', siteName: 'Name',
			origins: 'Allowed origins (one per line, e.g. https://shop.example)', defaultLocale: 'Default language',
			nps: 'Show the NPS question', pinned: 'Popular FAQs (pinned, in this order)', pinnedEmpty: 'No pinned FAQs.',
			pinSearch: 'Search FAQs to pin', search: 'Search', pin: 'Pin', unpin: 'Remove', up: 'Up',
			noResults: 'No FAQs match.', missingFaq: '(not found)', originCount: '{0} origins', npsOn: 'NPS on',
			outOfScope: 'Out-of-scope questions',
			outOfScopeHelp: 'Questions the bot must not answer with an FAQ. They apply from the next retraining.',
			outOfScopeEmpty: 'No out-of-scope questions.', phrases: 'Questions (one per line)', add: 'Add',
		},
	};

	const MAX_PINNED = 10;
	const $ = (id) => document.getElementById(id);
	const A = window.KotaeAdmin;
	const { api, el, time, alert } = A;
	const t = A.translator(DICT);

	const state = {
		admin: false,
		sites: [],
		site: null, // the site in the form; null for a new one
		pinned: [], // [{id, question}] in order
	};

	function message(id, text, kind) {
		const node = $(id);
		node.textContent = text || '';
		node.dataset.state = kind || '';
	}

	function failed(id, error) {
		message(id, t('failed', error.message), 'error');
	}

	// ---------------------------------------------------------------- tabs

	function selectTab(tab) {
		for (const other of document.querySelectorAll('.tabs [role=tab]')) {
			const selected = other === tab;
			other.setAttribute('aria-selected', String(selected));
			$(other.dataset.panel).hidden = !selected;
		}
	}

	// ---------------------------------------------------------------- synonyms

	async function loadSynonyms() {
		let sets;
		try {
			sets = await api('GET', '/api/v1/synonyms');
		}
		catch (e) {
			alert(t('failed', e.message));
			return;
		}
		const list = $('synonym-list');
		list.replaceChildren(...sets.map((set) => el('li', { 'data-synonym-id': String(set.id) },
			el('span', { className: 'pill', text: set.locale }),
			el('span', { className: 'text', text: set.terms.join(', ') }),
			el('button', { type: 'button', className: 'synonym-edit', text: t('edit'), onclick: () => editSynonym(set) }),
			el('button', { type: 'button', className: 'synonym-delete danger', text: t('delete'),
				onclick: () => deleteSynonym(set) }))));
		$('synonym-empty').hidden = sets.length > 0;
	}

	function editSynonym(set) {
		const form = $('synonym-form');
		form.dataset.synonymId = set ? String(set.id) : '';
		$('synonym-form-title').textContent = t(set ? 'editSynonym' : 'newSynonym');
		$('synonym-locale').value = set ? set.locale : 'ja';
		$('synonym-terms').value = set ? set.terms.join(', ') : '';
		$('synonym-cancel').hidden = !set;
		message('synonym-message', '');
		if (set) {
			$('synonym-terms').focus();
		}
	}

	async function saveSynonym(event) {
		event.preventDefault();
		const id = $('synonym-form').dataset.synonymId;
		const body = {
			locale: $('synonym-locale').value,
			terms: $('synonym-terms').value.split(/[,、，]/).map((s) => s.trim()).filter(Boolean),
		};
		try {
			await api(id ? 'PUT' : 'POST', '/api/v1/synonyms' + (id ? '/' + encodeURIComponent(id) : ''), body);
			editSynonym(null);
			message('synonym-message', t('saved'), 'ok');
			await loadSynonyms();
		}
		catch (e) {
			failed('synonym-message', e);
		}
	}

	async function deleteSynonym(set) {
		if (!window.confirm(t('confirmDelete', set.terms.join(', ')))) {
			return;
		}
		try {
			await api('DELETE', '/api/v1/synonyms/' + encodeURIComponent(set.id));
			if ($('synonym-form').dataset.synonymId === String(set.id)) {
				editSynonym(null);
			}
			message('synonym-message', t('deleted'), 'ok');
			await loadSynonyms();
		}
		catch (e) {
			failed('synonym-message', e);
		}
	}

	// ---------------------------------------------------------------- sites

	async function loadSites(selectKey) {
		try {
			state.sites = await api('GET', '/api/v1/sites');
		}
		catch (e) {
			alert(t('failed', e.message));
			return;
		}
		const list = $('site-list');
		list.replaceChildren(...state.sites.map((site) => el('li', { 'data-site-key': site.key,
			'aria-current': (state.site && state.site.key === site.key) ? 'true' : null },
			el('button', { type: 'button', className: 'link site-open', onclick: () => openSite(site) },
				el('strong', { text: site.name }), ' ', el('code', { text: site.key })),
			el('span', { className: 'meta', text: [String(site.defaultLocale || '').toLowerCase(),
				t('originCount', (site.allowedOrigins || []).length), site.npsEnabled ? t('npsOn') : '']
				.filter(Boolean).join(' · ') }))));
		$('site-empty').hidden = state.sites.length > 0;
		if (selectKey) {
			const site = state.sites.find((s) => s.key === selectKey);
			if (site) {
				openSite(site);
			}
		}
	}

	async function openSite(site) {
		state.site = site;
		const form = $('site-form');
		form.hidden = false;
		form.dataset.siteKey = site ? site.key : '';
		$('site-form-title').textContent = site ? t('editSite', site.key) : t('newSite');
		$('site-key').value = site ? site.key : '';
		$('site-key').readOnly = Boolean(site);
		$('site-name').value = site ? site.name : '';
		$('site-origins').value = site ? (site.allowedOrigins || []).join('\n') : '';
		$('site-locale').value = site ? String(site.defaultLocale || 'ja').toLowerCase() : 'ja';
		$('site-nps').checked = Boolean(site && site.npsEnabled);
		$('pin-results').replaceChildren();
		$('pin-search').value = '';
		message('site-message', '');
		for (const li of $('site-list').children) {
			li.setAttribute('aria-current', String(Boolean(site) && li.dataset.siteKey === site.key));
		}
		const ids = site ? (site.pinnedFaqIds || []) : [];
		state.pinned = ids.map((id) => ({ id, question: null }));
		renderPinned();
		// the questions of the pinned FAQs, for people rather than ids
		await Promise.all(state.pinned.map(async (pin) => {
			try {
				pin.question = (await api('GET', '/api/v1/faqs/' + encodeURIComponent(pin.id))).question;
			}
			catch (e) {
				pin.question = t('missingFaq');
			}
		}));
		if (state.site === site) {
			renderPinned();
		}
		applySiteAccess();
	}

	function renderPinned() {
		const editable = state.admin;
		$('pinned-list').replaceChildren(...state.pinned.map((pin, index) => el('li', { 'data-faq-id': pin.id },
			el('span', { className: 'pin-question', text: pin.question || '' }),
			el('code', { text: pin.id }), ' ',
			editable && index > 0 ? el('button', { type: 'button', className: 'pin-up', text: t('up'),
				onclick: () => movePin(index) }) : null,
			editable ? el('button', { type: 'button', className: 'unpin', text: t('unpin'),
				onclick: () => removePin(index) }) : null)));
		$('pinned-empty').hidden = state.pinned.length > 0;
	}

	function movePin(index) {
		const [pin] = state.pinned.splice(index, 1);
		state.pinned.splice(index - 1, 0, pin);
		renderPinned();
	}

	function removePin(index) {
		state.pinned.splice(index, 1);
		renderPinned();
	}

	async function searchFaqs() {
		const q = $('pin-search').value.trim();
		const params = new URLSearchParams({ size: '10' });
		if (q) {
			params.set('q', q);
		}
		let page;
		try {
			page = await api('GET', '/api/v1/faqs?' + params);
		}
		catch (e) {
			failed('site-message', e);
			return;
		}
		const items = page.items || [];
		const results = $('pin-results');
		if (!items.length) {
			results.replaceChildren(el('li', { className: 'muted', text: t('noResults') }));
			return;
		}
		results.replaceChildren(...items.map((faq) => el('li', { 'data-faq-id': faq.id },
			el('span', { className: 'pill', text: faq.locale }),
			el('span', { className: 'text', text: faq.question }),
			el('code', { text: faq.id }),
			el('button', { type: 'button', className: 'pin', text: t('pin'),
				disabled: state.pinned.some((p) => p.id === faq.id) || state.pinned.length >= MAX_PINNED,
				onclick: (event) => {
					state.pinned.push({ id: faq.id, question: faq.question });
					event.target.disabled = true;
					renderPinned();
				} }))));
	}

	async function saveSite(event) {
		event.preventDefault();
		const key = $('site-key').value.trim();
		const body = {
			name: $('site-name').value.trim(),
			allowedOrigins: $('site-origins').value.split('\n').map((s) => s.trim()).filter(Boolean),
			defaultLocale: $('site-locale').value,
			npsEnabled: $('site-nps').checked,
			pinnedFaqIds: state.pinned.map((p) => p.id),
		};
		try {
			const saved = await api('PUT', '/api/v1/sites/' + encodeURIComponent(key), body);
			await loadSites(saved.key);
			message('site-message', t('saved'), 'ok');
		}
		catch (e) {
			failed('site-message', e);
		}
	}

	/** Editors see sites read-only: the server refuses their changes anyway. */
	function applySiteAccess() {
		const editable = state.admin;
		$('site-readonly').hidden = editable;
		$('site-new').hidden = !editable;
		for (const node of $('site-form').querySelectorAll('input, textarea, select, button')) {
			node.disabled = !editable;
		}
		$('site-save').hidden = !editable;
		$('pin-search').closest('.pin-search').hidden = !editable;
	}

	// ---------------------------------------------------------------- out-of-scope phrases

	async function loadPhrases() {
		let phrases;
		try {
			phrases = await api('GET', '/api/v1/out-of-scope');
		}
		catch (e) {
			alert(t('failed', e.message));
			return;
		}
		$('oos-list').replaceChildren(...phrases.map((p) => el('li', { 'data-phrase-id': String(p.id) },
			el('span', { className: 'pill', text: p.locale }),
			el('span', { className: 'text', text: p.text }),
			el('time', { className: 'meta', datetime: p.createdAt, text: time(p.createdAt) }),
			el('button', { type: 'button', className: 'phrase-delete danger', text: t('delete'),
				onclick: () => deletePhrase(p) }))));
		$('oos-empty').hidden = phrases.length > 0;
	}

	async function addPhrases(event) {
		event.preventDefault();
		const locale = $('oos-locale').value;
		const phrases = $('oos-text').value.split('\n').map((s) => s.trim()).filter(Boolean)
			.map((text) => ({ text, locale }));
		if (!phrases.length) {
			return;
		}
		try {
			const result = await api('POST', '/api/v1/out-of-scope', { phrases });
			$('oos-text').value = '';
			message('oos-message', t('added', result.added, result.alreadyPresent), 'ok');
			await loadPhrases();
		}
		catch (e) {
			failed('oos-message', e);
		}
	}

	async function deletePhrase(phrase) {
		if (!window.confirm(t('confirmDelete', phrase.text))) {
			return;
		}
		try {
			await api('DELETE', '/api/v1/out-of-scope/' + encodeURIComponent(phrase.id));
			message('oos-message', t('deleted'), 'ok');
			await loadPhrases();
		}
		catch (e) {
			failed('oos-message', e);
		}
	}

	// ---------------------------------------------------------------- start

	async function start() {
		A.translate(t, 'docTitle');
		for (const tab of document.querySelectorAll('.tabs [role=tab]')) {
			tab.addEventListener('click', () => selectTab(tab));
		}
		$('synonym-form').addEventListener('submit', saveSynonym);
		$('synonym-cancel').addEventListener('click', () => editSynonym(null));
		$('site-form').addEventListener('submit', saveSite);
		$('site-new').addEventListener('click', () => openSite(null));
		$('pin-search-go').addEventListener('click', searchFaqs);
		$('pin-search').addEventListener('keydown', (event) => {
			if (event.key === 'Enter' && !event.isComposing) {
				event.preventDefault();
				searchFaqs();
			}
		});
		$('oos-form').addEventListener('submit', addPhrases);
		const me = await A.header('settings');
		state.admin = (me.roles || []).includes('admin');
		applySiteAccess();
		document.body.dataset.ready = 'true';
		await Promise.all([loadSynonyms(), loadSites(), loadPhrases()]);
		document.body.dataset.loaded = 'true';
	}

	start();
})();
