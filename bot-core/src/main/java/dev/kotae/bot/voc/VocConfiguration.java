package dev.kotae.bot.voc;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's personal-data masker, configured by {@code kotae.voc.masking.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MaskingProperties.class)
class VocConfiguration {

	@Bean
	PiiMasker piiMasker(MaskingProperties properties) {
		return new PiiMasker(properties);
	}

}
