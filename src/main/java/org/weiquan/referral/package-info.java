/**
 * Referrals (转介) to partner agencies: numbered within their case, sent with the person's consent, answered,
 * done or revoked with who, when and why, each running as its own process that chases a silent agency
 * (the answer period by agency kind: {@link org.weiquan.referral.AnswerPeriod}).
 *
 * <p>Depends on {@code casefile}, {@code station} (partner agencies), {@code security}, {@code timeline},
 * {@code workflow} (the port) and {@code shared}.
 */
package org.weiquan.referral;
