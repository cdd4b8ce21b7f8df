package org.weiquan.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Makes the cipher and the blind index from configuration: {@code WEIQUAN_DATA_KEY} (with
 * {@code WEIQUAN_DATA_KEY_ID} and {@code WEIQUAN_OLD_DATA_KEYS} for rotation) and {@code WEIQUAN_INDEX_KEY};
 * in demo mode, keys generated once under {@code WEIQUAN_DATA_DIR/keys}.
 */
@ApplicationScoped
public class PrivacyConfiguration {

    private volatile DataKeys keys;

    private DataKeys keys() {
        if (keys == null) {
            synchronized (this) {
                if (keys == null) {
                    Config c = ConfigProvider.getConfig(PrivacyConfiguration.class.getClassLoader());
                    keys = DataKeys.fromSettings(
                            c.getOptionalValue("weiquan.data.key", String.class),
                            c.getOptionalValue("weiquan.data.key.id", String.class),
                            c.getOptionalValue("weiquan.old.data.keys", String.class),
                            c.getOptionalValue("weiquan.index.key", String.class),
                            c.getOptionalValue("weiquan.demo", Boolean.class).orElse(false),
                            Path.of(c.getOptionalValue("weiquan.data.dir", String.class).orElse("./data"))
                                    .toAbsolutePath().normalize());
                }
            }
        }
        return keys;
    }

    /** Missing keys stop the start, with the message saying which settings to give. */
    void checkKeysAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        keys();
    }

    @Produces
    @Singleton
    PersonalDataCipher cipher() {
        return new PersonalDataCipher(keys());
    }

    @Produces
    @Singleton
    BlindIndex blindIndex() {
        return new BlindIndex(keys());
    }
}
