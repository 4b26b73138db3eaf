# scenario: a TLS server on 127.20.0.40:443 with the reverse proxy's certificate and chain (socat) that
# answers every request with a status line and then header lines for ever, never the empty line that
# ends them. nginx cannot be this server: it refuses to relay a header that big. Each connection's
# process ends when the client goes (the next line fails to go out).
cat "$LAB_DIR/certs/proxy.chain.pem" "$LAB_DIR/certs/proxy.key" >"$LAB_DIR/endless-headers.pem"
cat >"$LAB_DIR/endless-headers.sh" <<'SCRIPT'
#!/bin/bash
printf 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n' || exit 0
padding=$(printf 'a%.0s' {1..1000})
for ((i = 1; ; i++)); do
	printf 'X-Padding-%d: %s\r\n' "$i" "$padding" || exit 0
done
SCRIPT
chmod +x "$LAB_DIR/endless-headers.sh"
lab_start_service endless-headers \
	socat "OPENSSL-LISTEN:443,bind=127.20.0.40,reuseaddr,fork,backlog=128,cert=$LAB_DIR/endless-headers.pem,verify=0" \
	"EXEC:$LAB_DIR/endless-headers.sh"
lab_wait_until "endless headers server 127.20.0.40:443" "$LAST_PID" "$LAB_DIR/endless-headers.log" \
	listener_ready 127.20.0.40 443
