/*
 * Kotae editor workspace, analytics page (/admin/analytics). Plain browser JavaScript, no build step; user
 * and FAQ text goes on the page with textContent or DOM calls, never innerHTML.
 */
(() => {
	'use strict';

	const DICT = {
		ja: { title: '分析', docTitle: 'Kotae 分析' },
		en: { title: 'Analytics', docTitle: 'Kotae Analytics' },
	};

	const A = window.KotaeAdmin;
	const t = A.translator(DICT);

	A.translate(t, 'docTitle');
	A.header('analytics');
})();
