/**
 * Work that one node of several does at a time: time-limited leases in the database.
 */
package dev.kotae.bot.cluster;
