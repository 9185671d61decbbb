/**
 * Synonym sets ("パスワード, PW, パス"; "sign in, log in") stored in the database and applied by
 * search at query time. Changes publish {@link dev.kotae.kb.synonym.SynonymsChanged}.
 */
package dev.kotae.kb.synonym;
