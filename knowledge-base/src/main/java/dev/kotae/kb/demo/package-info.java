/**
 * The demo knowledge base of the fictional SaaS "TaskHarbor" (Japanese and English), loaded on the
 * first start of an empty knowledge base so that a fresh install shows the product working.
 */
package dev.kotae.kb.demo;
