# scenario: the other host's token endpoint, webticket.contoso.net (127.10.0.40:443): TLS with a certificate
# the lab CA signed, recording every byte it receives (decrypted) into $LAB_DIR/captured-webticket.
: >"$LAB_DIR/captured-webticket"
cat "$LAB_DIR/certs/webticket.chain.pem" "$LAB_DIR/certs/webticket.key" >"$LAB_DIR/webticket.pem"
lab_start_service capture-webticket \
	socat -u "OPENSSL-LISTEN:443,bind=127.10.0.40,reuseaddr,fork,cert=$LAB_DIR/webticket.pem,verify=0" \
	"OPEN:$LAB_DIR/captured-webticket,append"
lab_wait_until "capturing TLS listener 127.10.0.40:443" "$LAST_PID" "$LAB_DIR/capture-webticket.log" \
	listener_ready 127.10.0.40 443
