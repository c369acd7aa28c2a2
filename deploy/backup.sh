#!/usr/bin/env bash
# Back up VETQuality: a PostgreSQL dump plus MEDIA_ROOT (evidence files), and the national figures of
# every year as JSON, which restore.sh compares after restoring. Usage: deploy/backup.sh /backups/DIR
set -euo pipefail
cd "$(dirname "$0")/.."
set -a; source /etc/vetquality/production.env; set +a
out="${1:?usage: backup.sh OUTPUT_DIR}"
mkdir -p "$out"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
pg_dump --format=custom --no-owner --dbname="$DATABASE_URL" --file="$out/db-$stamp.dump"
tar -C "$MEDIA_ROOT" -czf "$out/media-$stamp.tar.gz" .
.venv/bin/python manage.py national_figures_snapshot --out "$out/figures-$stamp.json"
( cd "$out" && sha256sum "db-$stamp.dump" "media-$stamp.tar.gz" "figures-$stamp.json" > "SHA256SUMS-$stamp" )
echo "backup written: $out (stamp $stamp)"
