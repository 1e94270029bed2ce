from opspoor.cli import main

main()
