"""tlo: can Japan's university technology licensing organizations (承認TLO) stand on their own feet?"""

__version__ = "0.1.0"
