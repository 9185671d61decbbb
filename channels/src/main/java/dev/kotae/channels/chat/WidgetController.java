package dev.kotae.channels.chat;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;

import dev.kotae.kb.faq.Language;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/widget/messages?locale=ja|en}: the widget's UI text, from the message bundles
 * {@code widget-messages/widget_<locale>.properties}. Unknown locales get Japanese.
 */
@RestController
class WidgetController {

	@GetMapping("/api/v1/widget/messages")
	ResponseEntity<Map<String, String>> messages(@RequestParam(defaultValue = "ja") String locale) {
		Language language = Language.parse(locale).orElse(Language.JA);
		ResourceBundle bundle = ResourceBundle.getBundle("widget-messages.widget", Locale.forLanguageTag(language.code()),
				ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
		Map<String, String> messages = new TreeMap<>();
		bundle.keySet().forEach((key) -> messages.put(key, bundle.getString(key)));
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic()).body(messages);
	}

}
