#!/bin/sh
# One-shot (service mongo-keyfile): creates the replica set's shared keyfile on the first start, in the volume
# mongo-keyfile. The members authenticate to each other with it; mongod refuses a keyfile that others can read,
# so it is mode 400 and owned by the image's mongodb user (uid 999), the user mongod runs as.
set -eu
key=/keyfile/mongo.key
if [ ! -s "$key" ]; then
  umask 077
  # 756 base64 characters, the size MongoDB's documentation uses (6 to 1024 allowed).
  tr -dc 'A-Za-z0-9+/' </dev/urandom | head -c 756 >"$key.new"
  mv "$key.new" "$key"
  echo "mongo-keyfile: created $key"
fi
chown mongodb:mongodb "$key"
chmod 400 "$key"
