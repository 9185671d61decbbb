/*
 * What every page of the editor workspace shares (FAQs, analytics, unanswered questions, settings,
 * users): the language (?lang=ja|en, Japanese by default), message lookup, DOM building that never
 * parses HTML, the safe Markdown renderer of the FAQ preview, the page header's navigation with the
 * signed-in user and logout, and the alert line. Plain browser JavaScript, no build step.
 */
window.KotaeAdmin = (function () {
	'use strict';

	const COMMON = {
		ja: {
			'nav.faqs': 'FAQ', 'nav.analytics': '分析', 'nav.unanswered': '未回答の質問', 'nav.settings': '設定',
			'nav.users': 'ユーザーと監査', 'nav.operator': 'オペレーター', logout: 'ログアウト', signedInAs: '{0} さん',
			failed: 'できませんでした。{0}',
		},
		en: {
			'nav.faqs': 'FAQs', 'nav.analytics': 'Analytics', 'nav.unanswered': 'Unanswered', 'nav.settings': 'Settings',
			'nav.users': 'Users and audit', 'nav.operator': 'Operator console', logout: 'Log out', signedInAs: '{0}',
			failed: 'That did not work. {0}',
		},
	};

	/** The workspace's pages, and who may open each (the server enforces the same). */
	const PAGES = [
		{ key: 'faqs', href: '/admin', roles: ['admin', 'editor'] },
		{ key: 'analytics', href: '/admin/analytics', roles: ['admin', 'editor', 'agent'] },
		{ key: 'unanswered', href: '/admin/unanswered', roles: ['admin', 'editor'] },
		{ key: 'settings', href: '/admin/settings', roles: ['admin', 'editor'] },
		{ key: 'users', href: '/admin/users', roles: ['admin'] },
		{ key: 'operator', href: '/operator', roles: ['admin', 'agent'] },
	];

	const lang = chooseLanguage();
	const { api, el } = window.KotaeConsole;

	function chooseLanguage() {
		const param = new URLSearchParams(window.location.search).get('lang');
		return (param === 'ja' || param === 'en') ? param : 'ja';
	}

	/** A message lookup over the page's own dictionary ({ja: {...}, en: {...}}) and the shared one. */
	function translator(dict) {
		return function t(key, ...args) {
			const text = dict[lang]?.[key] ?? COMMON[lang][key] ?? dict.ja?.[key] ?? COMMON.ja[key] ?? key;
			return text.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ''));
		};
	}


	function time(iso) {
		if (!iso) {
			return '';
		}
		const d = new Date(iso);
		return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString(lang === 'en' ? 'en' : 'ja-JP');
	}

	/** Shows (or with no text hides) the page's alert line, element #alert. */
	function alert(text) {
		const box = document.getElementById('alert');
		if (box) {
			box.textContent = text || '';
			box.hidden = !text;
		}
	}

	/** Fills [data-i18n], [data-i18n-placeholder] and [data-i18n-label] from the page's messages. */
	function translate(t, docTitleKey) {
		document.documentElement.lang = lang;
		if (docTitleKey) {
			document.title = t(docTitleKey);
		}
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

	/** A link to another workspace page that keeps the chosen language. */
	function href(path) {
		return (lang === 'ja') ? path : path + (path.includes('?') ? '&' : '?') + 'lang=' + lang;
	}

	/**
	 * Fills the header's <nav id="pages"> with the pages the signed-in user may open (current one
	 * marked), their name and a logout button. Resolves to the user ({name, roles}).
	 */
	async function header(current) {
		const t = translator({});
		const nav = document.getElementById('pages');
		let me = { name: '', roles: [] };
		try {
			me = await api('GET', '/api/v1/me');
		}
		catch (e) {
			// still show the links; the server refuses what the user may not open
		}
		if (nav) {
			const list = el('ul');
			for (const page of PAGES) {
				if (me.roles.length && !page.roles.some((r) => me.roles.includes(r))) {
					continue;
				}
				list.append(el('li', null, el('a', { href: href(page.href), 'data-page': page.key,
					'aria-current': page.key === current ? 'page' : null, text: t('nav.' + page.key) })));
			}
			nav.replaceChildren(list, el('span', { className: 'me', id: 'me', text: me.name ? t('signedInAs', me.name) : '' }),
				el('button', { type: 'button', id: 'logout', className: 'logout', text: t('logout'), onclick: logout }));
		}
		return me;
	}

	/** Ends the login session (POST /logout with the CSRF token) and goes to the login page. */
	async function logout() {
		const xsrf = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
		const headers = {};
		if (xsrf) {
			headers['X-XSRF-TOKEN'] = decodeURIComponent(xsrf.substring('XSRF-TOKEN='.length));
		}
		try {
			await fetch('/logout', { method: 'POST', headers, credentials: 'same-origin', redirect: 'manual' });
		}
		finally {
			window.location.assign('/login?logout');
		}
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


	return Object.freeze({ lang, api, translator, el, time, alert, translate, href, header, logout,
		markdown: renderMarkdown });
})();
