package dev.kotae.bot.site;

import java.util.List;

import dev.kotae.kb.demo.DemoProperties;
import dev.kotae.kb.faq.Language;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the {@value #KEY} site that the demo page at {@code /} uses, when {@code kotae.demo.enabled}
 * and it does not exist. It allows no other origin: only the application's own pages can use it.
 */
@Component
public class DemoSite implements ApplicationRunner {

	public static final String KEY = "demo";

	private static final Logger log = LoggerFactory.getLogger(DemoSite.class);

	private final DemoProperties properties;

	private final Sites sites;

	DemoSite(DemoProperties properties, Sites sites) {
		this.properties = properties;
		this.sites = sites;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.properties.enabled() && this.sites.find(KEY).isEmpty()) {
			this.sites.save(new Site(KEY, "Demo (TaskHarbor)", List.of(), Language.JA, true, List.of()));
			log.info("Created the demo site '{}'", KEY);
		}
	}

}
