/*
 * Kotae editor workspace, unanswered questions page (/admin/unanswered). Plain browser JavaScript, no build step; user
 * and FAQ text goes on the page with textContent or DOM calls, never innerHTML.
 */
(() => {
	'use strict';

	const DICT = {
		ja: { title: '未回答の質問', docTitle: 'Kotae 未回答の質問' },
		en: { title: 'Unanswered questions', docTitle: 'Kotae Unanswered questions' },
	};

	const A = window.KotaeAdmin;
	const t = A.translator(DICT);

	A.translate(t, 'docTitle');
	A.header('unanswered');
})();
