package org.weiquan.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.weiquan.privacy.Keys.key;

class DataKeysTest {

    private static final String PHONE = "13812345678";

    @TempDir
    Path dataDir;

    private static String base64(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    private static byte[] decodedFile(Path file) throws Exception {
        return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
    }

    private DataKeys demoKeys() {
        return DataKeys.fromSettings(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true, dataDir);
    }

    @Test
    void theFirstDemoStartCreatesTwoDifferentRandomKeysOf32Bytes() throws Exception {
        DataKeys keys = demoKeys();

        Path dataKey = dataDir.resolve("keys/data.key");
        Path indexKey = dataDir.resolve("keys/index.key");
        assertThat(decodedFile(dataKey)).hasSize(32);
        assertThat(decodedFile(indexKey)).hasSize(32).isNotEqualTo(decodedFile(dataKey));
        assertThat(keys.currentKeyId()).isEqualTo("k1");
    }

    @Test
    void demoKeyFilesAreReadableByTheServersUserOnly() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");

        demoKeys();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("keys/data.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("keys/index.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("keys"))))
                .isEqualTo("rwx------");
    }

    @Test
    void aRestartedDemoReusesItsKeysSoEarlierDataStaysReadable() throws Exception {
        String stored = new PersonalDataCipher(demoKeys()).encrypt(PHONE, "party.phone");
        String indexed = new BlindIndex(demoKeys()).of(PHONE, "phone");
        byte[] dataKeyBefore = decodedFile(dataDir.resolve("keys/data.key"));

        DataKeys afterRestart = demoKeys();

        assertThat(decodedFile(dataDir.resolve("keys/data.key"))).isEqualTo(dataKeyBefore);
        assertThat(new PersonalDataCipher(afterRestart).decrypt(stored, "party.phone")).isEqualTo(PHONE);
        assertThat(new BlindIndex(afterRestart).of(PHONE, "phone")).isEqualTo(indexed);
    }

    @Test
    void configuredKeysAreUsedEvenInDemoModeAndNoFilesAreWritten() {
        DataKeys keys = DataKeys.fromSettings(Optional.of(base64(key(0x11))), Optional.of("y2026"),
                Optional.empty(), Optional.of(base64(key(0x7F))), true, dataDir);

        assertThat(keys.currentKeyId()).isEqualTo("y2026");
        assertThat(Files.exists(dataDir.resolve("keys"))).isFalse();
    }

    @Test
    void outsideDemoModeMissingKeysStopTheStartAndSayWhichSettingsToGive() {
        assertThatThrownBy(() -> DataKeys.fromSettings(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("WEIQUAN_DATA_KEY and WEIQUAN_INDEX_KEY must be set (32 random bytes, base64)"
                        + " outside demo mode; see README, Configuration");
        assertThat(Files.exists(dataDir.resolve("keys"))).isFalse();
    }

    @Test
    void outsideDemoModeADataKeyWithoutAnIndexKeyIsNotEnough() {
        assertThatThrownBy(() -> DataKeys.fromSettings(Optional.of(base64(key(0x11))), Optional.empty(),
                Optional.empty(), Optional.of(" "), false, dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WEIQUAN_INDEX_KEY");
    }

    @Test
    void configuredKeysWorkOutsideDemoModeWithTheDefaultKeyId() {
        DataKeys keys = DataKeys.fromSettings(Optional.of(base64(key(0x11))), Optional.empty(),
                Optional.empty(), Optional.of(base64(key(0x7F))), false, dataDir);

        assertThat(keys.currentKeyId()).isEqualTo("k1");
        assertThat(keys.keyIds()).containsExactly("k1");
    }

    @Test
    void olderKeysFromTheSettingDecryptValuesWrittenBeforeTheRotation() {
        String storedUnderK1 = new PersonalDataCipher(Keys.only("k1", 0x11)).encrypt(PHONE, "party.phone");

        DataKeys rotated = DataKeys.fromSettings(Optional.of(base64(key(0x22))), Optional.of("k2"),
                Optional.of("k1:" + base64(key(0x11)) + ", k0:" + base64(key(0x33))),
                Optional.of(base64(key(0x7F))), false, dataDir);

        assertThat(rotated.keyIds()).containsExactly("k2", "k1", "k0");
        assertThat(new PersonalDataCipher(rotated).decrypt(storedUnderK1, "party.phone")).isEqualTo(PHONE);
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedNamingTheSettingButNotTheKey() {
        String shortKey = base64(new byte[16]);

        assertThatThrownBy(() -> DataKeys.fromSettings(Optional.of(shortKey), Optional.empty(), Optional.empty(),
                Optional.of(base64(key(0x7F))), false, dataDir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WEIQUAN_DATA_KEY must be 32 bytes (base64 of 32 random bytes)")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> new DataKeys("k1", key(0x11), Map.of(), new byte[31]))
                .hasMessageStartingWith("WEIQUAN_INDEX_KEY must be 32 bytes");
        assertThatThrownBy(() -> new DataKeys("k1", key(0x11), Map.of("k0", new byte[33]), key(0x7F)))
                .hasMessageStartingWith("WEIQUAN_OLD_DATA_KEYS (key k0) must be 32 bytes");
    }

    @Test
    void aKeyThatIsNotBase64IsRefusedWithoutQuotingIt() {
        String typo = "not-base64-at-all!";

        assertThatThrownBy(() -> DataKeys.fromSettings(Optional.of(base64(key(0x11))), Optional.empty(),
                Optional.empty(), Optional.of(typo), false, dataDir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WEIQUAN_INDEX_KEY is not valid base64")
                .hasNoCause();
    }

    @Test
    void usingTheDataKeyAsIndexKeyIsRefused() {
        assertThatThrownBy(() -> new DataKeys("k1", key(0x11), Map.of(), key(0x11)))
                .hasMessage("WEIQUAN_INDEX_KEY must differ from WEIQUAN_DATA_KEY");
    }

    @Test
    void aMalformedListOfOldKeysIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> DataKeys.fromSettings(Optional.of(base64(key(0x22))), Optional.of("k2"),
                Optional.of(base64(key(0x11))), Optional.of(base64(key(0x7F))), false, dataDir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("WEIQUAN_OLD_DATA_KEYS");
        assertThatThrownBy(() -> DataKeys.fromSettings(Optional.of(base64(key(0x22))), Optional.of("k2"),
                Optional.of("k1:" + base64(key(0x11)) + ",k1:" + base64(key(0x33))), Optional.of(base64(key(0x7F))),
                false, dataDir))
                .hasMessage("WEIQUAN_OLD_DATA_KEYS lists key k1 twice");
    }

    @Test
    void anOldKeyUnderTheCurrentIdIsRefused() {
        assertThatThrownBy(() -> new DataKeys("k1", key(0x11), Map.of("k1", key(0x22)), key(0x7F)))
                .hasMessage("WEIQUAN_OLD_DATA_KEYS must not list the current key id k1");
    }

    @Test
    void aKeyIdThatCouldBeConfusedWithStoredDataIsRefused() {
        assertThatThrownBy(() -> new DataKeys("k:1", key(0x11), Map.of(), key(0x7F)))
                .hasMessageStartingWith("WEIQUAN_DATA_KEY_ID must name keys with a letter");
        assertThatThrownBy(() -> new DataKeys("2026", key(0x11), Map.of(), key(0x7F)))
                .hasMessageStartingWith("WEIQUAN_DATA_KEY_ID");
    }

    @Test
    void aGeneratedKeyIs32RandomBytesInBase64() {
        String first = DataKeys.generateKeyBase64();

        assertThat(Base64.getDecoder().decode(first)).hasSize(32);
        assertThat(DataKeys.generateKeyBase64()).isNotEqualTo(first);
    }

    @Test
    void theKeysCannotBeChangedThroughTheArraysTheyWereMadeFrom() {
        byte[] dataKey = key(0x11);
        DataKeys keys = new DataKeys("k1", dataKey, Map.of(), key(0x7F));
        String stored = new PersonalDataCipher(keys).encrypt(PHONE, "party.phone");

        dataKey[0] = 0;

        assertThat(new PersonalDataCipher(keys).decrypt(stored, "party.phone")).isEqualTo(PHONE);
    }
}
