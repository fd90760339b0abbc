# ruff: noqa: E501
"""Vocabulary: 数码配件 / Digital Accessories (format: see vocab_format)."""

TEXT = """
TOP digital-accessories | 数码配件 | Digital Accessories | DIG
series 极简 | Minimal | 去掉一切多余的设计 | stripping away everything unnecessary
series 旅行家 | Voyager | 为差旅和通勤而生 | made for business travel and commuting
series 潮玩 | Pop | 用明亮配色表达个性 | expressing personality through bright colours
series Pro | Pro | 面向重度用户的高性能款 | with high performance for power users
video 工艺揭秘：严苛的老化测试 | Behind the Process: Burn-In Testing | 每一台{name}都要在45℃环境下进行4小时满载老化测试，并逐一检测输出电压与温升。视频带你走进深圳的测试车间。 | Every {name} runs a four-hour full-load burn-in at 45°C, with output and temperature rise checked unit by unit. The video takes you inside our test floor in Shenzhen.
video 工艺揭秘：跌落一万次 | Behind the Process: Ten Thousand Drops | 为了验证耐用性，{name}在研发阶段完成了1.2米跌落、万次插拔和弯折测试。视频展示了这些测试背后的设计取舍。 | To prove its durability, the {name} went through 1.2 m drops and ten thousand plug and bend cycles during development. The video explains the design trade-offs behind those tests.
case 用户故事：出差党的背包减重 | Customer Story: A Lighter Travel Bag | 经常往返京沪的咨询顾问赵先生，用{name}替换了包里的几样旧设备：“过安检少掏两样东西，心情都好了。” | Mr Zhao, a consultant who shuttles between Beijing and Shanghai, replaced several old gadgets with the {name}. Two fewer things to pull out at security, and his mood improved.
case 用户故事：大学宿舍的人气好物 | Customer Story: A Dorm Room Favourite | 武汉的大学生小雨在宿舍用{name}已经一个学期了：“室友借了一次，第二天就自己下单了。” | Xiaoyu, a university student in Wuhan, has used the {name} in her dorm for a term. Her roommate borrowed it once and ordered her own the next day.

SUB chargers | 充电器线材 | Chargers & Cables
shape plug
price 39 | 229
weight 120
axes spec color
opt spec | 20W | 20W | 20 W | 0.7 | 0.7
opt spec | 33W | 33W | 33 W | 0.85 | 0.85
opt spec | 65W | 65W | 65 W | 1.0 | 1.0
opt spec | 100W | 100W | 100 W | 1.4 | 1.3
opt color | WHT | 白色 | White | 1 | 1
opt color | BLK | 黑色 | Black | 1 | 1
opt color | GRY | 星空灰 | Space Grey | 1 | 1
attr interface | USB-C=USB-C | USB-C+USB-A=USB-C + USB-A | 双USB-C=Dual USB-C
noun 充电器 | Charger | charger | 插上即可自动识别设备，匹配最合适的充电功率 | Plug in and it detects the device and picks the best charging power automatically
noun 快充数据线 | Fast-Charging Cable | cable | 两端均为USB-C，可为手机、平板和笔记本充电 | USB-C at both ends charges phones, tablets and laptops
noun 多口充电站 | Charging Station | charger | 放在桌面上，手机、平板、耳机可以同时充电 | Sits on your desk to charge a phone, tablet and earbuds at once
noun 车载充电器 | Car Charger | charger | 插入点烟器接口即可使用，不影响副驾空间 | Fits the car's 12 V socket without getting in the passenger's way
noun 无线充电板 | Wireless Charging Pad | wireless | 手机平放在中心位置即可开始充电 | Lay your phone in the centre to start charging
feat 氮化镓 | GaN | gan | 小体积大功率 | Small but powerful | 采用氮化镓方案，体积比传统方案小约40% | uses gallium nitride to be about 40% smaller than conventional designs
feat PD快充 | PD Fast | pd | PD协议快充 | PD fast charging | 支持PD 3.0与PPS协议，手机30分钟可充至60% | supports PD 3.0 and PPS to charge a phone to 60% in 30 minutes
feat 全协议 | Universal | pd | 全协议兼容 | Works with everything | 兼容PD、QC、PPS等主流快充协议，一个就能充全家 | works with PD, QC and PPS, so one charger serves the whole family
feat 编织 | Braided | braided | 编织耐弯折 | Braided and tough | 线材外层尼龙编织，通过2万次弯折测试 | has a nylon-braided cable rated for 20,000 bends
feat 智能分配 | Smart-Split | smart-power | 智能功率分配 | Smart power sharing | 多设备同时充电时自动分配功率 | shares power automatically when several devices charge at once
feat 便携收纳 | Compact | compact | 小巧收纳 | Packs away neatly | 插脚与线材可收纳，放进包里不刮东西 | packs its prongs and leads away so nothing scratches your bag
feat 磁吸 | Magnetic | magnetic | 磁吸对位 | Magnetic alignment | 磁吸自动对位，放上就能充 | aligns magnetically, so you just set your phone down
point 通过3C认证，具备过压、过流、过温多重保护 | CCC-certified with over-voltage, over-current and over-temperature protection
point 采用阻燃PC外壳，通过V0级阻燃测试 | Flame-retardant PC shell rated V0
point 18个月质保，质量问题只换不修 | 18-month warranty with straight replacement for faults
guide 选充电器先看功率：手机20至33W足够，笔记本需要65W以上。多设备用户选多口充电站，并留意总功率和单口功率；数据线要与充电器匹配，100W快充需要带E-Marker芯片的线材。 | Start with wattage: 20-33 W is plenty for phones, laptops need 65 W or more. With several devices, pick a multi-port station and check both total and per-port output. Match the cable too: 100 W charging needs an e-marked cable.

SUB power-banks | 移动电源 | Power Banks
shape phone
price 79 | 299
weight 220
axes capacity color
opt capacity | 5000 | 5000mAh | 5,000 mAh | 0.7 | 0.55
opt capacity | 10000 | 10000mAh | 10,000 mAh | 1.0 | 1.0
opt capacity | 20000 | 20000mAh | 20,000 mAh | 1.5 | 1.8
opt color | WHT | 白色 | White | 1 | 1
opt color | BLK | 黑色 | Black | 1 | 1
opt color | BLU | 冰川蓝 | Glacier Blue | 1 | 1
opt color | PNK | 樱花粉 | Sakura Pink | 1 | 1
attr interface | USB-C=USB-C | USB-C+USB-A=USB-C + USB-A | 双USB-C=Dual USB-C
noun 充电宝 | Power Bank | power-bank | 手机电量低于20%时再充，能减少电池损耗 | Top up when your phone drops below 20% to reduce battery wear
noun 自带线充电宝 | Power Bank with Built-In Cable | power-bank | 自带USB-C线，出门不用再找数据线 | The built-in USB-C lead means no more hunting for a cable
noun 迷你充电宝 | Mini Power Bank | power-bank | 直插手机充电口使用，放进口袋也不占地方 | Plugs straight into your phone and fits in any pocket
noun 笔记本充电宝 | Laptop Power Bank | power-bank | 可为支持USB-C充电的笔记本电脑应急补电 | Gives USB-C laptops an emergency top-up
noun 支架充电宝 | Kickstand Power Bank | power-bank | 打开支架即可横屏追剧，边看边充 | Flip out the stand to watch in landscape while you charge
feat 22.5W | 22.5W | pd | 22.5W快充 | 22.5 W fast charge | 支持22.5W快充，半小时为手机充入约一半电量 | supports 22.5 W fast charging to half-fill a phone in about 30 minutes
feat 磁吸 | Magnetic | magnetic | 磁吸无线 | Magnetic wireless | 吸附在手机背面即可无线充电，边充边用 | snaps onto the back of your phone to charge wirelessly while you use it
feat 数显 | Digital-Display | display | 电量数显 | Exact battery display | 数字屏精确显示剩余电量 | shows the exact remaining charge on a digital display
feat 轻薄 | Slim | slim | 轻薄小巧 | Slim and light | 机身厚度仅13毫米，放进口袋毫无负担 | is only 13 mm thick and disappears into a pocket
feat 可登机 | Flight-Safe | flight | 可带上飞机 | Flight-approved | 额定能量低于100Wh并清晰标注，可随身登机 | is rated under 100 Wh with clear labelling, so it can go in cabin baggage
feat 双向快充 | Two-Way Fast | pd | 双向快充 | Fast in and out | 输入输出均支持快充，自身两小时就能充满 | fast-charges in both directions and refills itself in two hours
feat A品电芯 | Premium-Cell | cell | A品电芯 | Grade-A cells | 采用A品锂聚合物电芯，循环寿命500次以上 | uses grade-A lithium polymer cells rated for 500+ cycles
point 通过3C认证，十二重电路保护 | CCC-certified with twelve layers of circuit protection
point 支持低电流模式，可为耳机和手表安全充电 | A low-current mode charges earbuds and watches safely
point 机身标注额定能量，过安检更顺畅 | Rated energy is printed clearly for smooth security checks
guide 容量看需求：通勤补电选5000至10000mAh，出差旅行选20000mAh。带上飞机要求额定能量不超过100Wh且标识清晰，20000mAh的充电宝约为74Wh，可以随身携带，但不能托运。 | Pick capacity by need: 5,000-10,000 mAh for daily top-ups, 20,000 mAh for travel. On planes the rated energy must be under 100 Wh and clearly marked; a 20,000 mAh bank is about 74 Wh, so it can go in your carry-on but never in checked luggage.

SUB audio | 耳机音箱 | Earphones & Headphones
shape audio
price 129 | 599
weight 150
axes color
opt color | WHT | 珍珠白 | Pearl White | 1 | 1
opt color | BLK | 午夜黑 | Midnight Black | 1 | 1
opt color | GRN | 薄荷绿 | Mint | 1 | 1
opt color | PRP | 香芋紫 | Taro Purple | 1.03 | 1
opt color | BLU | 深海蓝 | Deep Blue | 1 | 1
attr waterproof | IPX4=IPX4 | IPX5=IPX5 | IPX7=IPX7
noun 真无线耳机 | True Wireless Earbuds | earbuds | 第一次使用时打开充电盒即可弹窗配对 | Open the case for the first time and a pairing prompt pops up
noun 头戴式耳机 | Over-Ear Headphones | headphones | 头梁可伸缩调节，耳罩可折叠收纳 | The headband adjusts and the ear cups fold flat for travel
noun 运动耳机 | Sports Earphones | earbuds | 耳挂贴合耳廓，跑跳时不易掉落 | Ear hooks follow the ear so they stay put when you run and jump
noun 颈挂式耳机 | Neckband Earphones | earbuds | 不用时耳机磁吸在颈环上，不怕丢失 | When not in use the buds snap together on the neckband so they never get lost
noun 开放式耳机 | Open-Ear Earphones | earbuds | 不入耳佩戴，听音乐的同时能听到环境声 | They sit outside the ear so you hear music and your surroundings
feat 主动降噪 | ANC | anc | 主动降噪 | Active noise cancelling | 采用混合主动降噪，最高可降低40分贝环境噪音 | uses hybrid active noise cancelling to cut up to 40 dB of background noise
feat 长续航 | Long-Life | battery | 超长续航 | Long battery life | 单次续航最长可达30小时，快充10分钟听2小时 | lasts up to 30 hours and gives two hours of play from a ten-minute charge
feat 低延迟 | Low-Latency | low-latency | 游戏低延迟 | Low-latency gaming | 游戏模式下延迟低至60毫秒，音画同步 | drops latency to 60 ms in game mode so sound stays in sync
feat 空间音频 | Spatial-Audio | spatial | 空间音频 | Spatial audio | 支持空间音频与头部追踪，观影更有临场感 | supports spatial audio with head tracking for a cinema-like feel
feat Hi-Res | Hi-Res | hires | 高清音质 | High-resolution sound | 支持LDAC编码，获得Hi-Res Audio认证 | supports LDAC and is Hi-Res Audio certified
feat 防水 | Waterproof | waterproof | 防汗防水 | Sweat-proof | 达到IPX5级防水，跑步出汗也不怕 | is rated IPX5, so sweaty runs are no problem
feat 双设备 | Multipoint | multipoint | 双设备连接 | Multipoint pairing | 可同时连接手机和电脑，来电自动切换 | connects to a phone and a laptop at once and switches automatically for calls
point 支持App自定义均衡器和按键功能 | Customise the EQ and controls in the app
point 一年质保，支持30天无理由退换 | One-year warranty and 30-day no-questions returns
point 通话采用多麦克风降噪，嘈杂街头也能听清 | Multi-microphone call noise reduction keeps voices clear on busy streets
guide 先想清楚主要场景：通勤地铁选主动降噪，跑步健身选防水运动款或开放式，打游戏看低延迟，追求音质看LDAC和Hi-Res认证。入耳式要试试不同尺寸的耳塞，贴合度直接影响降噪效果。 | Think about where you will use them: noise cancelling for the metro, waterproof or open-ear for the gym, low latency for gaming, and LDAC or Hi-Res for sound quality. With in-ear models, try the different tip sizes, because fit directly affects noise cancelling.

SUB phone-cases | 手机壳膜 | Phone Cases
shape phone
price 29 | 119
weight 60
axes spec color
opt spec | IP16 | iPhone 16 | iPhone 16 | 1.0 | 1.0
opt spec | IP16P | iPhone 16 Pro | iPhone 16 Pro | 1.0 | 1.0
opt spec | IP16PM | iPhone 16 Pro Max | iPhone 16 Pro Max | 1.05 | 1.1
opt spec | MATE70 | 华为Mate 70 | Huawei Mate 70 | 1.0 | 1.0
opt spec | XM15 | 小米15 | Xiaomi 15 | 1.0 | 1.0
opt color | CLR | 透明 | Clear | 1 | 1
opt color | BLK | 黑色 | Black | 1 | 1
opt color | BLU | 远峰蓝 | Sierra Blue | 1 | 1
opt color | PNK | 樱花粉 | Sakura Pink | 1 | 1
noun 手机壳 | Phone Case | case | 从摄像头一侧先装入，再按压四角卡紧 | Fit the camera end first, then press the corners into place
noun 镜头保护壳 | Camera-Guard Case | case | 滑盖可遮住镜头，拍照时推开即可 | A sliding cover shields the lenses; push it aside to shoot
noun 支架手机壳 | Kickstand Case | case | 背部支架可横竖两用，桌面追剧和视频通话都方便 | The rear stand works in portrait or landscape for videos and calls
noun 卡包手机壳 | Wallet Case | case | 背面卡槽可放两张卡，出门不用带钱包 | Two card slots on the back mean you can leave your wallet at home
noun 挂绳手机壳 | Crossbody Case | case | 配可调节挂绳，斜挎解放双手 | Comes with an adjustable lanyard to wear crossbody, hands-free
feat 磁吸 | Magnetic | magnetic | 磁吸兼容 | MagSafe compatible | 内置强磁环，兼容磁吸充电和磁吸配件 | has a built-in magnet ring compatible with magnetic chargers and accessories
feat 防摔 | Rugged | drop-proof | 防摔气囊 | Drop-tested | 四角气囊缓冲，通过2米跌落测试 | has air-cushioned corners tested for 2 m drops
feat 素皮 | Vegan-Leather | vegan-leather | 素皮质感 | Vegan leather feel | 采用素皮材质，手感细腻，不易留指纹 | uses vegan leather with a fine touch that resists fingerprints
feat 超薄 | Ultra-Thin | thin | 裸机手感 | Barely there | 厚度仅0.8毫米，保留裸机手感 | is just 0.8 mm thick to keep the bare-phone feel
feat 液态硅胶 | Liquid-Silicone | silicone | 亲肤细腻 | Silky silicone | 外层液态硅胶，内衬超细纤维绒 | has a liquid silicone exterior with a microfibre lining
feat 抗黄变 | Anti-Yellowing | anti-yellow | 久用不发黄 | Stays clear | 采用抗黄变材料，一年内不易发黄 | uses anti-yellowing material that stays clear for a year | color=CLR
feat 镜头全包 | Full-Cover | full-cover | 镜头加高 | Raised lens lip | 镜头处加高1.2毫米，平放时不磨摄像头 | has a 1.2 mm raised lip so the camera never touches the table
point 按键独立设计，按压手感清脆 | Separate button covers give a crisp press
point 精准开孔，充电口和扬声器无遮挡 | Precise cut-outs leave ports and speakers clear
point 购买即送一片高清钢化膜 | Comes with a free tempered-glass screen protector
guide 下单前请确认手机型号，Pro和Pro Max尺寸不同，不能混用。常用磁吸配件选带磁环的款；透明壳选抗黄变材料；经常摔手机就选四角气囊和镜头加高的防摔款。 | Check your exact model before ordering; Pro and Pro Max cases are not interchangeable. If you use magnetic accessories, pick a case with a magnet ring; for clear cases, choose anti-yellowing material; and if you drop your phone often, go for air-cushioned corners and a raised camera lip.
"""
