package org.weiquan.privacy;

import java.util.Arrays;
import java.util.Map;

/** Fixed test keys: each is 32 copies of one byte, so tests can tell them apart at a glance. */
final class Keys {

    private Keys() {
    }

    static byte[] key(int fill) {
        byte[] key = new byte[DataKeys.KEY_BYTES];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    static DataKeys only(String keyId, int fill) {
        return new DataKeys(keyId, key(fill), Map.of(), key(0x7F));
    }
}
