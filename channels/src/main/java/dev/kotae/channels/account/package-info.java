/**
 * User accounts kept in the database ({@code app_user}): the start-up admin and configured users, and
 * the admins' user API at {@code /api/v1/users}. Every change is audited.
 */
package dev.kotae.channels.account;
