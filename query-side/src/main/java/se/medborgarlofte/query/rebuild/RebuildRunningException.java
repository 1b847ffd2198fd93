package se.medborgarlofte.query.rebuild;

/** A rebuild of the read model is already running (or swapping). */
final class RebuildRunningException extends RuntimeException {

    RebuildRunningException(String group) {
        super("Läsmodellen " + group + " byggs redan om. Följ förloppet med GET /api/operations/rebuilds/" + group
              + ".");
    }
}
