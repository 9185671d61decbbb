/**
 * User accounts kept in the database ({@code app_user}): the start-up admin and configured users, and
 * the admins' user API at {@code /api/v1/users}, and the API tokens admins issue ({@code api_token},
 * {@code /api/v1/tokens}). Every change is audited.
 */
package dev.kotae.channels.account;
