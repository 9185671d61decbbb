package dev.kotae.bot.handoff;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Registers {@link HandoffProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HandoffProperties.class)
class HandoffConfiguration {

}
