#!/bin/sh
# smoke.sh: run the built binary for real.
#   1. `extract --jsonl` over three lines with a bad one in the middle: three
#      output lines, the bad one an error object, exit 0.
#   2. `serve --port <free port>`: wait for the "listening" line, POST a text,
#      check the JSON, SIGHUP (reload, still serving), SIGTERM, exit code 0.
# Usage: smoke.sh path/to/extractd
set -eu

BIN=${1:?usage: smoke.sh path/to/extractd}
TMP=$(mktemp -d)
PID=
cleanup() {
	if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
		kill -KILL "$PID" 2>/dev/null || true
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT

fail() {
	echo "smoke: FAIL: $*" >&2
	[ -f "$TMP/err" ] && sed 's/^/smoke: server: /' "$TMP/err" >&2
	exit 1
}

# check_json FILE PYTHON-EXPR: the expression sees the parsed JSON as `j`
check_json() {
	python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' \
		"$1" "$2" || fail "$1 does not satisfy $2: $(cat "$1")"
}

# --- 1. the CLI --------------------------------------------------------------
printf '%s\n' '{"id":"s1","text":"Profits rose to $4 million."}' \
	'{"id":"s2","text":' \
	'{"id":"s3","text":"Quiet day."}' > "$TMP/in.jsonl"
"$BIN" extract --jsonl --offsets codepoint < "$TMP/in.jsonl" > "$TMP/out.jsonl" ||
	fail "extract --jsonl exited with $?"
[ "$(wc -l < "$TMP/out.jsonl")" -eq 3 ] || fail "extract --jsonl: want 3 lines: $(cat "$TMP/out.jsonl")"
python3 - "$TMP/out.jsonl" <<'EOF' || fail "extract --jsonl output: $(cat "$TMP/out.jsonl")"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert lines[0]["id"] == "s1" and lines[0]["offsets"] == "codepoint", lines[0]
assert isinstance(lines[0]["mentions"], list)
assert lines[1]["line"] == 2 and lines[1]["id"] is None, lines[1]  # never parsed
assert lines[1]["error"]["code"] == "BAD_JSON", lines[1]
assert lines[2]["id"] == "s3" and "error" not in lines[2], lines[2]
EOF

# CRLF line endings, and a line over max_body_bytes (from --config) that is
# answered with an error line while the next line still succeeds
printf 'max_body_bytes = 1k\n' > "$TMP/small.conf"
python3 - "$TMP/crlf.jsonl" <<'EOF'
import json, sys
with open(sys.argv[1], "w", newline="") as f:
    f.write(json.dumps({"id": "c1", "text": "Fees of $9 apply."}) + "\r\n")
    f.write(json.dumps({"id": "c2", "text": "x" * 2000}) + "\r\n")
    f.write(json.dumps({"id": "c3", "text": "Done."}) + "\r\n")
EOF
"$BIN" extract --jsonl --config "$TMP/small.conf" < "$TMP/crlf.jsonl" > "$TMP/crlf.out" ||
	fail "extract --jsonl (CRLF) exited with $?"
python3 - "$TMP/crlf.out" <<'EOF' || fail "extract --jsonl CRLF/overlong output: $(cat "$TMP/crlf.out")"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert len(lines) == 3, lines
assert lines[0]["id"] == "c1" and "error" not in lines[0], lines[0]
assert lines[1]["line"] == 2 and lines[1]["error"]["code"] == "BODY_TOO_LARGE", lines[1]
assert lines[2]["id"] == "c3" and "error" not in lines[2], lines[2]
EOF

# plain-text mode: a bad document prints its error object and fails the run
set +e
printf 'Bad byte \377 here' | "$BIN" extract > "$TMP/bad.json"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "extract with invalid UTF-8: exit $rc, want 1"
check_json "$TMP/bad.json" 'j["error"]["code"] == "INVALID_UTF8" and "byte offset 9" in j["error"]["message"]'

# unknown flags are a usage error
set +e
"$BIN" extract --no-such-flag < /dev/null > /dev/null 2>&1
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "unknown flag: exit $rc, want 2"

# --- 2. the server -----------------------------------------------------------
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN" serve --port "$PORT" --threads 2 2> "$TMP/err" &
PID=$!

i=0
until grep -q "listening on http://127.0.0.1:$PORT" "$TMP/err" 2>/dev/null; do
	i=$((i + 1))
	[ "$i" -le 100 ] || fail "server not ready after 10 s"
	kill -0 "$PID" 2>/dev/null || fail "server exited early"
	sleep 0.1
done

URL="http://127.0.0.1:$PORT"
code=$(curl -s -o "$TMP/health.json" -w '%{http_code}' "$URL/healthz")
[ "$code" = 200 ] || fail "healthz: $code"
check_json "$TMP/health.json" 'j == {"status": "ok"}'

code=$(curl -s -o "$TMP/r1.json" -w '%{http_code}' -H 'Content-Type: text/plain; charset=utf-8' \
	--data-binary 'The city council approved €2.5 million on Tuesday.' \
	"$URL/v1/extract?published=2024-06-04&offsets=codepoint")
[ "$code" = 200 ] || fail "POST /v1/extract: $code $(cat "$TMP/r1.json")"
check_json "$TMP/r1.json" 'j["offsets"] == "codepoint" and isinstance(j["mentions"], list) and j["entities"] == [] and j["facts"] == []'

code=$(curl -s -o "$TMP/r2.json" -w '%{http_code}' -H 'Content-Type: application/json' \
	--data-binary '{"id":"x","text":' "$URL/v1/extract")
[ "$code" = 400 ] || fail "bad JSON: $code"
check_json "$TMP/r2.json" 'j["error"]["code"] == "BAD_JSON"'

# SIGHUP reloads the engine; the server keeps serving
kill -HUP "$PID"
i=0
until grep -q "reloaded" "$TMP/err"; do
	i=$((i + 1))
	[ "$i" -le 100 ] || fail "no reload after SIGHUP"
	sleep 0.1
done
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/v1/version")
[ "$code" = 200 ] || fail "version after reload: $code"

kill -TERM "$PID"
set +e
wait "$PID"
rc=$?
set -e
PID=
[ "$rc" -eq 0 ] || fail "exit code after SIGTERM: $rc"
grep -q "SIGTERM received" "$TMP/err" || fail "no shutdown message"
echo "smoke: ok"
