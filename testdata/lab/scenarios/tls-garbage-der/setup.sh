# scenario: fe02's 443 answers every ClientHello with the same TLS 1.2 flight: a valid ServerHello
# (ECDHE-RSA-AES128-GCM-SHA256, secure renegotiation), then a Certificate message whose one certificate
# is 52 bytes of text, not DER. No TLS library serves such a certificate, so the bytes are written here.
flight_hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }  # text as hex digits
flight_len3() { printf '%06x' $((${#1} / 2)); }                   # the length of hex digits, in bytes
flight_len2() { printf '%04x' $((${#1} / 2)); }
garbage_der_flight() {
	local hello certificate certs chain body
	hello="0303$(printf '42%.0s' {1..32})00c02f000005ff01000100" # version, random, no session, suite, null, ext
	certificate=$(flight_hex "not a certificate: garbage DER from a hostile server")
	certs="$(flight_len3 "$certificate")$certificate"
	chain="$(flight_len3 "$certs")$certs"
	body="02$(flight_len3 "$hello")${hello}0b$(flight_len3 "$chain")$chain"
	printf '%b' "$(printf '%s' "160303$(flight_len2 "$body")$body" | sed 's/../\\x&/g')"
}
garbage_der_flight >"$LAB_DIR/garbage-der.flight"
lab_start_service garbage-der \
	socat "TCP-LISTEN:443,bind=127.10.0.12,reuseaddr,fork,backlog=128" "SYSTEM:cat $LAB_DIR/garbage-der.flight; exec cat >/dev/null"
lab_wait_until "garbage certificate server 127.10.0.12:443" "$LAST_PID" "$LAB_DIR/garbage-der.log" \
	listener_ready 127.10.0.12 443
