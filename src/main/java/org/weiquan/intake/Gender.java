package org.weiquan.intake;

public enum Gender {
    FEMALE,
    MALE,
    UNKNOWN
}
