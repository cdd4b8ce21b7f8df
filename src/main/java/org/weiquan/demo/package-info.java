/**
 * Demo data for the quick start: about 200 invented contacts and cases of the demo county 清溪县
 * ({@code seeds/demo/contacts.csv}, written by {@code seeds/demo/generate.py}), spread over the last
 * 18 months, loaded at start-up in demo mode only ({@code WEIQUAN_DEMO=true}) and only into a database
 * without contacts, so that a newcomer's first look shows a living system.
 *
 * <p>Depends on {@code intake} and {@code casefile} (the rows go through their import methods: the same
 * checks, encryption, numbering and timeline as live work), {@code mediation} and {@code referral} (the closed
 * cases' records), {@code casework} and {@code workflow} (the live cases go through the engine's tasks),
 * {@code security} (the demo users who did the work), {@code station}, {@code infrastructure} (start-up lock) and
 * {@code shared}. Nothing depends on it.
 */
package org.weiquan.demo;
