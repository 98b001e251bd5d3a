import JuesuanCLI

Juesuan.main()
