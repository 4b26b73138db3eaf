# scenario: a 20 MiB JSON object ({"padding":"aaa..."}) for the reverse proxy to serve at
# https://lyncdiscover.contoso.com/ (see nginx/locations/reverse-proxy/huge-body.conf); made here, not
# committed. 20971520 bytes in all: 12 for '{"padding":"', 2 for '"}'.
{
	printf '{"padding":"'
	head -c $((20 * 1024 * 1024 - 14)) /dev/zero | tr '\0' a
	printf '"}'
} >"$LAB_DIR/huge.json"
