#!/usr/bin/env bash
# Restore a backup made by backup.sh into the configured (empty) database and MEDIA_ROOT, then check
# that the national figures of every year are the same as when the backup was made.
# Usage: deploy/restore.sh BACKUP_DIR STAMP
set -euo pipefail
cd "$(dirname "$0")/.."
set -a; source /etc/vetquality/production.env; set +a
dir="${1:?usage: restore.sh BACKUP_DIR STAMP}"; stamp="${2:?usage: restore.sh BACKUP_DIR STAMP}"
( cd "$dir" && sha256sum --check "SHA256SUMS-$stamp" )
pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" "$dir/db-$stamp.dump"
mkdir -p "$MEDIA_ROOT" && tar -C "$MEDIA_ROOT" -xzf "$dir/media-$stamp.tar.gz"
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py national_figures_snapshot --compare "$dir/figures-$stamp.json"
echo "restore checked: the national figures match the backup"
