package dev.kotae.kb.search;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's FAQ index. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

	@Bean(destroyMethod = "close")
	FaqIndex faqIndex() {
		return new FaqIndex(RetrievalMode.TUNED);
	}

}
