package se.medborgarlofte.embedded;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The file-backed store is written when the backend commits, never from within a write. */
class DurableH2BackendTest {

    @TempDir
    Path directory;

    @Test
    void writesOfTwiceMvStoresDefaultThresholdStoreNothingUntilACommit() {
        MVStore store = DurableH2Backend.storeBuilder(directory.resolve("store.mv.db").toString()).open();
        try {
            MVMap<Integer, byte[]> map = store.openMap("documents");
            long version = store.getCurrentVersion();
            for (int i = 0; i < 40_000; i++) {
                map.put(i, new byte[1024]);
            }
            assertThat(store.getCurrentVersion()).as("stored from within a write").isEqualTo(version);
            assertThat(store.hasUnsavedChanges()).isTrue();

            store.commit();
            assertThat(store.getCurrentVersion()).isGreaterThan(version);
            assertThat(store.hasUnsavedChanges()).isFalse();
        } finally {
            store.close();
        }
    }
}
