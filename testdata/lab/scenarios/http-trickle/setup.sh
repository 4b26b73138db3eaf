# scenario: a backend that answers the headers of a 100000-byte document at once, then sends its body one
# byte a second, for ever: never silent long enough for a client's idle timeout, never done. Each
# connection's process ends when nginx closes the connection (the next byte fails to go out).
lab_add_addr 127.10.0.31
cat >"$LAB_DIR/trickle-backend.sh" <<'SCRIPT'
#!/bin/bash
printf 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\nX-MS-Server-Fqdn: fe01.contoso.net\r\nServer: Microsoft-IIS/8.5\r\n\r\n'
body='{"_links":{"self":{"href":"https://webext.contoso.com/Autodiscover/AutodiscoverService.svc/root"}}}'
while :; do
	for ((i = 0; i < ${#body}; i++)); do
		printf '%s' "${body:i:1}" || exit 0
		sleep 1
	done
done
SCRIPT
chmod +x "$LAB_DIR/trickle-backend.sh"
lab_start_service trickle-backend \
	socat "TCP-LISTEN:8080,bind=127.10.0.31,reuseaddr,fork,backlog=128" "EXEC:$LAB_DIR/trickle-backend.sh"
lab_wait_until "trickling backend 127.10.0.31:8080" "$LAST_PID" "$LAB_DIR/trickle-backend.log" \
	listener_ready 127.10.0.31 8080
