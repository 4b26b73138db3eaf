# scenario: a backend that answers the headers of a 100000-byte document, sends its first bytes and then
# nothing more. It reads (and discards) what nginx sends until nginx closes the connection, so each
# connection's process ends with its request (or with the lab).
lab_add_addr 127.10.0.30
cat >"$LAB_DIR/stalled-backend.sh" <<'SCRIPT'
#!/bin/sh
printf 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\nX-MS-Server-Fqdn: fe01.contoso.net\r\nServer: Microsoft-IIS/8.5\r\n\r\n{"_links":{'
exec cat >/dev/null
SCRIPT
chmod +x "$LAB_DIR/stalled-backend.sh"
lab_start_service stalled-backend \
	socat "TCP-LISTEN:8080,bind=127.10.0.30,reuseaddr,fork,backlog=128" "EXEC:$LAB_DIR/stalled-backend.sh"
lab_wait_until "stalled backend 127.10.0.30:8080" "$LAST_PID" "$LAB_DIR/stalled-backend.log" \
	listener_ready 127.10.0.30 8080
