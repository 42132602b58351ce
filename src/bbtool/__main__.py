from bbtool.cli import main

main()
