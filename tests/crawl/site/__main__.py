"""Serve the invented ad site on 127.0.0.1 until Ctrl-C, for trying `opspoor crawl run`:

$ python -m tests.crawl.site --port 8808 &
$ opspoor crawl run examples/crawl/testsite.yml
"""

from __future__ import annotations

import argparse
import time

from tests.crawl.site import AdSite


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8808)
    parser.add_argument("--extra-ads", type=int, default=0, help="filler ads (for benchmarks)")
    args = parser.parse_args()
    with AdSite(port=args.port, extra_ads=args.extra_ads) as site:
        print(
            f"ad site on {site.url('/')} (trap server on 127.0.0.2:{site.trap.port if site.trap else '-'})"
        )
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
