/*
 * Kotae editor workspace, users and audit page (/admin/users). Plain browser JavaScript, no build step; user
 * and FAQ text goes on the page with textContent or DOM calls, never innerHTML.
 */
(() => {
	'use strict';

	const DICT = {
		ja: { title: 'ユーザーと監査', docTitle: 'Kotae ユーザーと監査' },
		en: { title: 'Users and audit', docTitle: 'Kotae Users and audit' },
	};

	const A = window.KotaeAdmin;
	const t = A.translator(DICT);

	A.translate(t, 'docTitle');
	A.header('users');
})();
