#!/bin/sh
# Restores one archive made by backup.sh over the running replica set: each collection in the archive is
# dropped and restored (--drop), then the oplog copied during the dump is replayed (--oplogReplay), so the
# result is the state at the dump's end. Stop the four app services first (see the README), start them after.
#
#   docker compose exec backup sh /deploy/restore.sh medborgarlofte-20250101T023000Z.archive.gz
set -eu
[ $# -eq 1 ] || { echo "usage: restore.sh <archive name in /backups>" >&2; ls -1 /backups >&2; exit 2; }
archive="/backups/$(basename "$1")"
exec mongorestore --uri="$MONGODB_URI" --archive="$archive" --gzip --drop --oplogReplay
