package dev.kotae.channels.security;

import java.util.Locale;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /login}: the sign-in form (Japanese or English, from the browser's languages), posting
 * user name, password and the CSRF token to {@code /login}; Spring Security does the rest. It also says
 * when the sign-in failed, was refused after too many failures ({@code ?blocked}) or the user signed out.
 */
@Controller
class LoginPageController {

	private static final String PAGE = """
			<!DOCTYPE html>
			<html lang="%1$s">
			<head>
			<meta charset="utf-8">
			<meta name="viewport" content="width=device-width, initial-scale=1">
			<title>%2$s</title>
			<style>
			body { font-family: system-ui, sans-serif; background: #f5f6f8; margin: 0; }
			main { max-width: 22rem; margin: 10vh auto; background: #fff; padding: 2rem; border-radius: 8px;
			  box-shadow: 0 1px 4px rgba(0,0,0,.12); }
			h1 { font-size: 1.3rem; margin: 0 0 1.2rem; }
			label { display: block; margin: .8rem 0 .3rem; font-size: .9rem; }
			input { width: 100%%; box-sizing: border-box; padding: .55rem; font-size: 1rem; }
			button { margin-top: 1.2rem; width: 100%%; padding: .6rem; font-size: 1rem; }
			p[role] { padding: .6rem; border-radius: 4px; }
			p[role="alert"] { background: #fde8e8; } p[role="status"] { background: #e8f4fd; }
			</style>
			</head>
			<body>
			<main>
			<h1>%2$s</h1>
			%3$s
			<form method="post" action="/login">
			<label for="username">%4$s</label>
			<input id="username" name="username" autocomplete="username" required autofocus>
			<label for="password">%5$s</label>
			<input id="password" name="password" type="password" autocomplete="current-password" required>
			<input type="hidden" name="%6$s" value="%7$s">
			<button type="submit">%8$s</button>
			</form>
			</main>
			</body>
			</html>
			""";

	@GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
			@RequestParam(required = false) String blocked, CsrfToken csrf, Locale locale) {
		boolean ja = "ja".equals(locale.getLanguage());
		String notice = "";
		if (blocked != null) {
			notice = "<p role=\"alert\">" + (ja ? "ログインの失敗が続いたため、しばらくログインできません。15 分ほど待ってからお試しください。"
					: "Too many failed sign-ins. Wait about 15 minutes, then try again.") + "</p>";
		}
		else if (error != null) {
			notice = "<p role=\"alert\">"
					+ (ja ? "ユーザー名またはパスワードが違います。" : "Wrong user name or password.") + "</p>";
		}
		else if (logout != null) {
			notice = "<p role=\"status\">" + (ja ? "ログアウトしました。" : "You have signed out.") + "</p>";
		}
		return PAGE.formatted(ja ? "ja" : "en", ja ? "Kotae にログイン" : "Sign in to Kotae", notice,
				ja ? "ユーザー名" : "User name", ja ? "パスワード" : "Password", HtmlUtils.htmlEscape(csrf.getParameterName()),
				HtmlUtils.htmlEscape(csrf.getToken()), ja ? "ログイン" : "Sign in");
	}

}
