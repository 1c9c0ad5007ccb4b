import Commands

