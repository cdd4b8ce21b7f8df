/**
 * Protecting the person: the mandatory report for minors and persons without capacity, the danger assessment
 * of a domestic-violence case with the risk instrument it used, the safety plan, and the personal safety
 * protection order (人身安全保护令) from application to ruling and renewal.
 *
 * <p>Depends on {@code casefile}, {@code security}, {@code timeline} and {@code shared}.
 */
package org.weiquan.protection;
