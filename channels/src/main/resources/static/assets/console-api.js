/*
 * The staff pages' API client (operator console, editor workspace): same-origin fetch with the login
 * session, the session's CSRF token (cookie XSRF-TOKEN) on state-changing calls, and problem details
 * turned into errors carrying the HTTP status; and el(), the pages' one way of building DOM (text is
 * always set as textContent, never parsed as HTML).
 */
window.KotaeConsole = (function () {
	'use strict';

	const ORIGIN = window.location.origin; // never a URL with user:password@ in it: fetch refuses those

	async function api(method, path, body) {
		const headers = { Accept: 'application/json' };
		if (body !== undefined) {
			headers['Content-Type'] = 'application/json';
		}
		// the login session's CSRF token (cookie XSRF-TOKEN) on every state-changing call
		const xsrf = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
		if (xsrf && method !== 'GET') {
			headers['X-XSRF-TOKEN'] = decodeURIComponent(xsrf.substring('XSRF-TOKEN='.length));
		}
		const response = await fetch(ORIGIN + path, {
			method, headers, credentials: 'same-origin', cache: 'no-store',
			body: body !== undefined ? JSON.stringify(body) : undefined,
		});
		const raw = await response.text();
		let json = null;
		if (raw) {
			try {
				json = JSON.parse(raw);
			}
			catch (ex) {
				json = null;
			}
		}
		if (!response.ok) {
			const error = new Error((json && (json.detail || json.title)) || ('HTTP ' + response.status));
			error.status = response.status;
			throw error;
		}
		return json;
	}

	/**
	 * A new element: props {text, className, on<event>: handler, any attribute}; null, undefined and
	 * false props and children are skipped.
	 */
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

	return Object.freeze({ api, el });
})();
