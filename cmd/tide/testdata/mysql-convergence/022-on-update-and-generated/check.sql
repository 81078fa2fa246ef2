SELECT doubled = 15 FROM rows_;
