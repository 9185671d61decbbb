/*
 * Kotae editor workspace, settings page (/admin/settings). Plain browser JavaScript, no build step; user
 * and FAQ text goes on the page with textContent or DOM calls, never innerHTML.
 */
(() => {
	'use strict';

	const DICT = {
		ja: { title: '設定', docTitle: 'Kotae 設定' },
		en: { title: 'Settings', docTitle: 'Kotae Settings' },
	};

	const A = window.KotaeAdmin;
	const t = A.translator(DICT);

	A.translate(t, 'docTitle');
	A.header('settings');
})();
