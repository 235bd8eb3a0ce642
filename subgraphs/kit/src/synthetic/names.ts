/** Synthetic first names (female) for generated persons. */
export const FEMALE_FIRST_NAMES = [
  'Amina', 'Fatima', 'Khadija', 'Salma', 'Nadia', 'Houda', 'Imane', 'Sanae', 'Zineb', 'Hajar',
  'Meryem', 'Soukaina', 'Ghizlane', 'Leila', 'Asmae', 'Najat', 'Rachida', 'Siham', 'Wafae', 'Yasmine',
] as const;

/** Synthetic first names (male) for generated persons. */
export const MALE_FIRST_NAMES = [
  'Mohammed', 'Ahmed', 'Youssef', 'Omar', 'Hassan', 'Karim', 'Said', 'Rachid', 'Mehdi', 'Anas',
  'Hamza', 'Ayoub', 'Othmane', 'Nabil', 'Tarik', 'Adil', 'Driss', 'Brahim', 'Hicham', 'Zakaria',
] as const;

/** Synthetic family names; combined at random they name nobody in particular. */
export const FAMILY_NAMES = [
  'Alaoui', 'Bennani', 'Tazi', 'Fassi', 'Idrissi', 'Berrada', 'Chraibi', 'Lahlou', 'Benjelloun', 'Sqalli',
  'Amrani', 'Ouazzani', 'Kettani', 'Zemmouri', 'Naciri', 'Skalli', 'Bouzidi', 'Haddadi', 'Mansouri', 'Rifai',
  'Tahiri', 'Sebti', 'Kabbaj', 'Mernissi', 'Guessous', 'Lamrani', 'Ziani', 'Belkadi', 'Hajji', 'Toumi',
] as const;
