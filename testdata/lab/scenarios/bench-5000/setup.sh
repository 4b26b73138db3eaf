# scenario bench: latency in front of the lab's resolvers and web endpoints (bench/run sets the variables)
# The branch appliances' UCWA SIP ports are dropped: 200 filtered ports.
lab_nft ip daddr 127.10.3.0/24 tcp dport '{ 5088, 5089 }' drop
if [[ -n "${BENCH_DELAY_DNS:-}" ]]; then
	lab_add_addr 127.0.0.63 127.0.0.64
	lab_start_service delay-internal "$BENCH_DELAY_DNS" 127.0.0.63 "$INTERNAL_DNS" "${BENCH_DELAY_MS:-50}"
	lab_start_service delay-external "$BENCH_DELAY_DNS" 127.0.0.64 "$EXTERNAL_DNS" "${BENCH_DELAY_MS:-50}"
	lab_wait_until "delay_dns" "$LAST_PID" "$LAB_DIR/delay-external.log" \
		dig +time=2 +tries=1 @127.0.0.64 lyncdiscover.d001.bench.test A
fi
# The reverse proxy (443, 80) and the pool (443) behind delay_tcp: every connection a client makes
# to them is steered (DNAT) to the proxy on 127.0.0.70, whose own connections, from 127.0.0.70, go
# through unchanged.
if [[ -n "${BENCH_DELAY_TCP:-}" ]]; then
	lab_add_addr 127.0.0.70
	# It counts the servers' TLS handshakes, full and resumed, in $LAB_DIR/tls-handshakes.
	DELAY_TCP_STATS="$LAB_DIR/tls-handshakes" lab_start_service delay-tcp "$BENCH_DELAY_TCP" "${BENCH_DELAY_TCP_MS:-50}" \
		127.0.0.70:10443=127.20.0.10:443 127.0.0.70:10080=127.20.0.10:80 127.0.0.70:11443=127.10.0.10:443
	nft -f - <<'NFT'
table ip bench {
	chain output {
		type nat hook output priority -100; policy accept;
		ip saddr 127.0.0.70 accept
		ip daddr 127.20.0.10 tcp dport 443 dnat to 127.0.0.70:10443
		ip daddr 127.20.0.10 tcp dport 80 dnat to 127.0.0.70:10080
		ip daddr 127.10.0.10 tcp dport 443 dnat to 127.0.0.70:11443
	}
}
NFT
	lab_wait_until "delay_tcp" "$LAST_PID" "$LAB_DIR/delay-tcp.log" listener_ready 127.0.0.70 11443
fi
