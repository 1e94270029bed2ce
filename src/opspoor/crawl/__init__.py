"""Web crawl: Scrapy spiders with address, robots.txt, size and time limits, WARC evidence for
every fetched page, re-visit scheduling ("last seen online"), and signals on every ad.

    $ opspoor crawl run examples/crawl/testsite.yml
    $ opspoor crawl status --project testsite --flags
"""

from opspoor.crawl import tables as tables  # the crawl tables join the store's metadata
