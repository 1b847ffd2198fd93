package se.medborgarlofte.eventstore.embedded;

import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An H2 file system ({@code synccount:/path}) that passes everything to the disk and counts, in one sequence, every
 * write and every {@code force()} that reaches the file channel: the proof that a file really was synced, which
 * {@code kill -9} (it keeps the operating system's page cache) cannot give.
 */
public final class SyncCountingFiles extends FilePathWrapper {

    static final String SCHEME = "synccount";
    static final AtomicLong FORCES = new AtomicLong();
    static final AtomicLong WRITES = new AtomicLong();
    /** Number of writes that had reached the file when the latest force() completed. */
    static final AtomicLong WRITES_SYNCED = new AtomicLong();

    static {
        FilePath.register(new SyncCountingFiles());
    }

    static String url(java.nio.file.Path file) {
        return SCHEME + ":" + file.toAbsolutePath();
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Counting(getBase().open(mode));
    }

    private static final class Counting extends FileBase {
        private final FileChannel channel;

        Counting(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            long written = WRITES.get();
            channel.force(metaData);
            FORCES.incrementAndGet();
            WRITES_SYNCED.accumulateAndGet(written, Math::max);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int count = channel.write(src);
            WRITES.incrementAndGet();
            return count;
        }

        @Override
        public synchronized int write(ByteBuffer src, long position) throws IOException {
            int count = channel.write(src, position);
            WRITES.incrementAndGet();
            return count;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }

        @Override
        public synchronized int read(ByteBuffer dst, long position) throws IOException {
            return channel.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            channel.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            channel.truncate(size);
            return this;
        }

        @Override
        public synchronized FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return channel.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            channel.close();
        }
    }
}
