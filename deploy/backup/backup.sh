#!/bin/sh
# Service backup: once a day at BACKUP_AT (UTC, default 02:30) a gzipped archive of the whole replica set in
# the volume backups (/backups), the newest BACKUP_KEEP (default 14) kept. At start it backs up at once when
# the newest archive is older than a day. `mongodump --oplog` also copies the oplog written while it ran, so a
# restore with --oplogReplay gives the state at the dump's end, consistent across collections (events,
# tokens, read models) even though the apps kept writing. Restore: restore.sh beside this file.
set -u
dir=/backups
keep=${BACKUP_KEEP:-14}
at=${BACKUP_AT:-02:30}

backup() {
  name="$dir/medborgarlofte-$(date -u +%Y%m%dT%H%M%SZ).archive.gz"
  # Written under a temporary name, so a half-written archive never counts as a backup.
  if mongodump --uri="$MONGODB_URI" --oplog --archive="$name.partial" --gzip --quiet; then
    mv "$name.partial" "$name"
    echo "backup: wrote $name ($(du -h "$name" | cut -f1))"
    # Archive names sort by time: remove all but the newest $keep.
    ls -1 "$dir"/medborgarlofte-*.archive.gz | sort -r | tail -n +"$((keep + 1))" | while read -r old; do
      rm -f "$old" && echo "backup: removed $old"
    done
  else
    rm -f "$name.partial"
    echo "backup: mongodump FAILED; trying again in an hour" >&2
    return 1
  fi
}

if ! find "$dir" -name 'medborgarlofte-*.archive.gz' -mmin -1440 | grep -q .; then
  backup || true
fi
while true; do
  now=$(date -u +%s)
  next=$(date -u -d "today $at" +%s)
  [ "$next" -gt "$now" ] || next=$(date -u -d "tomorrow $at" +%s)
  sleep "$((next - now))"
  until backup; do sleep 3600; done
done
